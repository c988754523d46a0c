package main

import (
	"runtime"
	"runtime/debug"
	"testing"
)

func TestVersionOf(t *testing.T) {
	vcs := func(rev, time, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: rev},
			{Key: "vcs.time", Value: time},
			{Key: "vcs.modified", Value: modified},
		}
	}
	const rev = "9a2c34fb172b2cbad4aae750062793bb15731519"
	tests := []struct {
		name    string
		bi      *debug.BuildInfo
		release string
		build   string
	}{
		{"no build info", nil, "", "development build"},
		{"go install @v1.2.3", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}},
			"v1.2.3", "v1.2.3"},
		{"a pre-release", &debug.BuildInfo{Main: debug.Module{Version: "v1.3.0-rc.1"}},
			"v1.3.0-rc.1", "v1.3.0-rc.1"},
		{"go install @COMMIT", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261201021438-9a2c34fb172b"}},
			"", "development build v0.0.0-20261201021438-9a2c34fb172b"},
		{"go build in a clean checkout", &debug.BuildInfo{
			Main:     debug.Module{Version: "v0.0.0-20261201021438-9a2c34fb172b"},
			Settings: vcs(rev, "2026-12-01T02:14:38Z", "false")},
			"", "development build, commit 9a2c34fb172b (2026-12-01T02:14:38Z)"},
		{"go build with changes", &debug.BuildInfo{
			Main:     debug.Module{Version: "v0.0.0-20261201021438-9a2c34fb172b+dirty"},
			Settings: vcs(rev, "2026-12-01T02:14:38Z", "true")},
			"", "development build, commit 9a2c34fb172b (2026-12-01T02:14:38Z, with changes not committed)"},
		{"a tagged checkout with changes", &debug.BuildInfo{
			Main:     debug.Module{Version: "v1.2.3"},
			Settings: vcs(rev, "2026-12-01T02:14:38Z", "true")},
			"", "development build, commit 9a2c34fb172b (2026-12-01T02:14:38Z, with changes not committed)"},
		{"-buildvcs=false", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}},
			"", "development build"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := versionOf(tt.bi)
			if got := v.Release(); got != tt.release {
				t.Errorf("Release() = %q, want %q", got, tt.release)
			}
			if got := v.Build(); got != tt.build {
				t.Errorf("Build() = %q, want %q", got, tt.build)
			}
			if got, want := v.String(), "fupan "+tt.build+" ("+v.Go+" "+runtime.GOOS+"/"+runtime.GOARCH+")"; got != want {
				t.Errorf("String() = %q, want %q", got, want)
			}
		})
	}
}
