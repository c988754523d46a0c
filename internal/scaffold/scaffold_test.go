package scaffold

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/fupan/fupan/internal/review"
)

func TestPin(t *testing.T) {
	tests := []struct {
		name, version     string
		wantRef, wantInst string
		wantErr           string
	}{
		{name: "development build", version: "", wantRef: "main", wantInst: "latest"},
		{name: "latest", version: "latest", wantRef: "main", wantInst: "latest"},
		{name: "release", version: "v1.2.3", wantRef: "v1.2.3", wantInst: "v1.2.3"},
		{name: "prerelease", version: "v1.3.0-rc.1", wantRef: "v1.3.0-rc.1", wantInst: "v1.3.0-rc.1"},
		{name: "pseudo-version", version: "v0.0.0-20260301120000-abcdef123456", wantErr: "use a release"},
		{name: "dirty build", version: "v1.2.3+dirty", wantErr: "use a release"},
		{name: "devel", version: "(devel)", wantErr: "use a release"},
		{name: "branch", version: "main", wantErr: `fupan version "main"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ref, inst, err := Pin(tt.version)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Pin(%q) error = %v, want one containing %q", tt.version, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if ref != tt.wantRef || inst != tt.wantInst {
				t.Errorf("Pin(%q) = %q, %q, want %q, %q", tt.version, ref, inst, tt.wantRef, tt.wantInst)
			}
		})
	}
}

func TestFiles(t *testing.T) {
	tests := []struct {
		name string
		opt  Options
		want map[string][]string // path: substrings its content holds
	}{
		{
			name: "defaults",
			want: map[string][]string{
				"fupan.yaml":                  {`title: "Incident reviews"`, "# teams:"},
				".github/workflows/check.yml": {"fupan/fupan/.github/workflows/fupan.yml@main", "fupan-version: latest", "mode: check"},
				".github/workflows/pages.yml": {"fupan/fupan/.github/workflows/fupan.yml@main", "mode: publish", "id-token: write"},
				".gitignore":                  {".fupan/", "public/"},
				ExampleReview:                 {"status: final"},
			},
		},
		{
			name: "release and title",
			opt:  Options{Title: `  支付团队 "复盘"  `, Version: "v1.2.3"},
			want: map[string][]string{
				"fupan.yaml":                  {`title: "支付团队 \"复盘\""`},
				".github/workflows/check.yml": {"fupan.yml@v1.2.3", "fupan-version: v1.2.3"},
				".github/workflows/pages.yml": {"fupan.yml@v1.2.3", "fupan-version: v1.2.3"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files, err := Files(tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, f := range files {
				got[f.Path] = string(f.Data)
				if f.Example != (f.Path == ExampleReview) {
					t.Errorf("%s: Example = %v", f.Path, f.Example)
				}
			}
			for path, subs := range tt.want {
				for _, s := range subs {
					if !strings.Contains(got[path], s) {
						t.Errorf("%s does not hold %q:\n%s", path, s, got[path])
					}
				}
			}
		})
	}
	if _, err := Files(Options{Version: "nightly"}); err == nil {
		t.Error("Files with version nightly: no error")
	}
}

// TestScaffoldChecks holds the scaffold to what a new repository needs:
// fupan.yaml and the example review pass check with no finding at all,
// for years to come (the overdue-action rule looks at the date).
func TestScaffoldChecks(t *testing.T) {
	dir := t.TempDir()
	files, err := Files(Options{Title: "Payments reviews"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(dir, files); err != nil {
		t.Fatal(err)
	}
	for _, now := range []time.Time{time.Now(), time.Now().AddDate(10, 0, 0)} {
		r, err := review.Load(os.DirFS(dir), review.Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range r.Findings {
			t.Errorf("at %s: %v", now.Format(time.DateOnly), f.Error())
		}
		if len(r.Reviews) != 1 {
			t.Errorf("%d reviews, want 1", len(r.Reviews))
		}
		if r.Config.Title != "Payments reviews" || r.Config.Language != "en" {
			t.Errorf("config title %q, language %q", r.Config.Title, r.Config.Language)
		}
	}
}

func TestWrite(t *testing.T) {
	files, err := Files(Options{})
	if err != nil {
		t.Fatal(err)
	}
	all := make([]string, len(files))
	for i, f := range files {
		all[i] = f.Path
	}
	without := func(drop ...string) []string {
		return slices.DeleteFunc(slices.Clone(all), func(p string) bool { return slices.Contains(drop, p) })
	}
	const mine = "# ours\ntitle: Ours\n"
	tests := []struct {
		name        string
		existing    map[string]string // files in the directory before Write
		wantWritten []string
		wantSkipped []Skip
	}{
		{
			name:        "empty directory",
			wantWritten: all,
		},
		{
			name:        "existing settings are kept",
			existing:    map[string]string{"fupan.yaml": mine},
			wantWritten: without("fupan.yaml"),
			wantSkipped: []Skip{{"fupan.yaml", "exists"}},
		},
		{
			name:        "no example beside real reviews",
			existing:    map[string]string{"reviews/team/2026-01-02-outage.md": "---\n"},
			wantWritten: without(ExampleReview),
			wantSkipped: []Skip{{ExampleReview, "reviews/ already holds reviews"}},
		},
		{
			name:        "a README is not a review",
			existing:    map[string]string{"reviews/README.md": "# Reviews\n", "reviews/_draft.md": "x"},
			wantWritten: all,
		},
		{
			name: "everything exists",
			existing: map[string]string{
				"fupan.yaml": mine, ExampleReview: "x", ".gitignore": "x",
				".github/workflows/check.yml": "x", ".github/workflows/pages.yml": "x",
				"schema/review.schema.json": "x",
			},
			wantSkipped: []Skip{
				{"fupan.yaml", "exists"}, {ExampleReview, "exists"},
				{".github/workflows/check.yml", "exists"}, {".github/workflows/pages.yml", "exists"}, {".gitignore", "exists"},
				{"schema/review.schema.json", "exists"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "new", "repo") // Write creates it
			for p, data := range tt.existing {
				p = filepath.Join(dir, filepath.FromSlash(p))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			res, err := Write(dir, files)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(res.Written, tt.wantWritten) {
				t.Errorf("written %q, want %q", res.Written, tt.wantWritten)
			}
			if !slices.Equal(res.Skipped, tt.wantSkipped) {
				t.Errorf("skipped %q, want %q", res.Skipped, tt.wantSkipped)
			}
			for p, data := range tt.existing {
				got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
				if err != nil || string(got) != data {
					t.Errorf("%s was changed: %q, %v", p, got, err)
				}
			}
		})
	}
}

func TestWriteError(t *testing.T) {
	dir := t.TempDir()
	// A file where Write needs a folder.
	if err := os.WriteFile(filepath.Join(dir, ".github"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	files, err := Files(Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Write(dir, files)
	if err == nil || !strings.Contains(err.Error(), "write .github/workflows/check.yml") {
		t.Fatalf("Write error = %v, want one naming .github/workflows/check.yml", err)
	}
	if want := []string{"fupan.yaml", ExampleReview}; res == nil || !slices.Equal(res.Written, want) {
		t.Errorf("result %+v, want written %q", res, want)
	}
}

// Every commented example of fupan.yaml is a valid setting once its #
// is deleted: the lint levels, secrets and publish, and the others.
func TestConfigExamplesValid(t *testing.T) {
	files, err := Files(Options{})
	if err != nil {
		t.Fatal(err)
	}
	var cfg string
	for _, f := range files {
		if f.Path == "fupan.yaml" {
			cfg = string(f.Data)
		}
	}
	var lines []string
	for _, line := range strings.Split(cfg, "\n") {
		// "# key: value" and "#   nested: value" are examples; prose
		// comments end with a full stop or have no colon.
		if rest, ok := strings.CutPrefix(line, "# "); ok && strings.Contains(rest, ":") && !strings.HasSuffix(rest, ".") && !strings.Contains(rest, "fupan.yaml:") {
			if key, _, _ := strings.Cut(strings.TrimSpace(rest), ":"); !strings.Contains(key, " ") {
				line = rest
			}
		}
		lines = append(lines, line)
	}
	uncommented := strings.Join(lines, "\n")
	for _, want := range []string{"\npublish:\n  public:\n", "\nsecrets:\n  allow: [jwt]", "\n  missing_contributing_factors: error"} {
		if !strings.Contains(uncommented, want) {
			t.Fatalf("the uncommented fupan.yaml lacks %q:\n%s", want, uncommented)
		}
	}
	cfgs, findings := review.LoadConfig(fstest.MapFS{"fupan.yaml": {Data: []byte(uncommented)}})
	for _, f := range findings {
		t.Errorf("%v", f.Error())
	}
	if _, err := cfgs.Profile("public"); err != nil {
		t.Error(err)
	}
}
