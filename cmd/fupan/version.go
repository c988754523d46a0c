package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/fupan/fupan/internal/scaffold"
)

const versionUsage = `
Print fupan's version: the module version it was installed at (go install
github.com/fupan/fupan/cmd/fupan@v1.2.3 gives v1.2.3), and, for a build from
a Git checkout, the commit it was built from, whether the tree had changes
that were not committed, and the Go version. 'fupan --version' prints the
same.

A release is what 'fupan init' pins the workflows to; a development build
pins them to the workflow on main and the latest release.`

func runVersion(_ context.Context, args []string, std stdio) error {
	fs := newFlagSet("version", "", versionUsage, std)
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return fmt.Errorf("unexpected argument %q", rest[0])
	}
	_, err := fmt.Fprintln(std.out, thisVersion())
	return err
}

// A version is what fupan's build info says of the build.
type version struct {
	Module   string // the main module's version: v1.2.3, a pseudo-version, or "(devel)"
	Revision string // the commit built from, or ""
	Time     string // the commit's time (RFC 3339), or ""
	Modified bool   // the tree had changes that were not committed
	Go       string // the Go toolchain, e.g. go1.26.1
}

// versionOf reads a version from build info; nil (no build info, as in a
// binary built without module support) gives a development build.
func versionOf(bi *debug.BuildInfo) version {
	v := version{Module: "(devel)", Go: runtime.Version()}
	if bi == nil {
		return v
	}
	if bi.Main.Version != "" {
		v.Module = bi.Main.Version
	}
	if bi.GoVersion != "" {
		v.Go = bi.GoVersion
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Revision = s.Value
		case "vcs.time":
			v.Time = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		}
	}
	return v
}

// Release returns the release this is, or "" for a development build: a
// pseudo-version, (devel), or a build with changes that were not
// committed.
func (v version) Release() string {
	if v.Modified || !scaffold.IsRelease(v.Module) {
		return ""
	}
	return v.Module
}

// String is the line 'fupan version' prints:
//
//	fupan v1.2.3 (go1.26.1 linux/amd64)
//	fupan development build, commit 9a2c34fb172b (2026-12-01T02:14:38Z, with changes not committed) (go1.26.1 linux/amd64)
func (v version) String() string {
	return fmt.Sprintf("fupan %s (%s %s/%s)", v.Build(), v.Go, runtime.GOOS, runtime.GOARCH)
}

// Build says which build this is: the release, or "development build"
// and what is known of its source.
func (v version) Build() string {
	if r := v.Release(); r != "" {
		return r
	}
	var b strings.Builder
	b.WriteString("development build")
	if v.Module != "(devel)" && v.Revision == "" {
		// go install …@COMMIT: a pseudo-version names the commit.
		fmt.Fprintf(&b, " %s", v.Module)
	}
	if v.Revision != "" {
		rev := v.Revision
		if len(rev) > 12 {
			rev = rev[:12]
		}
		fmt.Fprintf(&b, ", commit %s", rev)
		var notes []string
		if v.Time != "" {
			notes = append(notes, v.Time)
		}
		if v.Modified {
			notes = append(notes, "with changes not committed")
		}
		if len(notes) > 0 {
			fmt.Fprintf(&b, " (%s)", strings.Join(notes, ", "))
		}
	}
	return b.String()
}

// thisVersion is the version of the running fupan.
func thisVersion() version {
	bi, _ := debug.ReadBuildInfo()
	return versionOf(bi)
}
