package gen

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/fupan/fupan/internal/traceback"
)

func TestDeterministic(t *testing.T) {
	opt := Options{N: 200, Seed: 7, Folders: true}
	a, b := Reviews(opt), Reviews(opt)
	if len(a) != len(b) {
		t.Fatalf("len %d != %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("file %d differs between two runs: %s, %s", i, a[i].Path, b[i].Path)
		}
	}
	c := Reviews(Options{N: 200, Seed: 8, Folders: true})
	same := 0
	for i := range a {
		if bytes.Equal(a[i].Data, c[i].Data) {
			same++
		}
	}
	if same > 0 {
		t.Errorf("seeds 7 and 8 gave %d identical files", same)
	}
}

func TestPaths(t *testing.T) {
	for _, tc := range []struct {
		name    string
		folders bool
		re      string
	}{
		{"flat", false, `^reviews/(\d{4})-\d\d-\d\d-[a-z0-9]+(-[a-z0-9]+)*\.md$`},
		{"folders", true, `^reviews/(\d{4})/(\d{4})-\d\d-\d\d-[a-z0-9]+(-[a-z0-9]+)*\.md$`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			re := regexp.MustCompile(tc.re)
			ids := make(map[string]bool)
			for _, f := range Reviews(Options{N: 500, Seed: 1, Folders: tc.folders}) {
				m := re.FindStringSubmatch(f.Path)
				if m == nil {
					t.Fatalf("bad path %q", f.Path)
				}
				if tc.folders && m[1] != m[2] {
					t.Errorf("%s: folder %s, date year %s", f.Path, m[1], m[2])
				}
				id := strings.TrimSuffix(path.Base(f.Path), ".md")
				if ids[id] {
					t.Errorf("duplicate id %s", id)
				}
				ids[id] = true
			}
			if len(ids) != 500 {
				t.Errorf("got %d ids, want 500", len(ids))
			}
		})
	}
}

func TestNoReviews(t *testing.T) {
	if got := Reviews(Options{}); len(got) != 0 {
		t.Errorf("N=0 gave %d files", len(got))
	}
}

func TestChineseShare(t *testing.T) {
	for _, tc := range []struct {
		share    float64
		lo, hi   int
		wantName string
	}{
		{0, 150, 250, "default"},
		{-1, 0, 0, "none"},
		{1, 1000, 1000, "all"},
	} {
		t.Run(tc.wantName, func(t *testing.T) {
			n := 0
			for _, f := range Reviews(Options{N: 1000, Seed: 3, ChineseShare: tc.share}) {
				if bytes.Contains(f.Data, []byte("## 时间线")) {
					n++
				}
			}
			if n < tc.lo || n > tc.hi {
				t.Errorf("%d Chinese reviews of 1000, want %d..%d", n, tc.lo, tc.hi)
			}
		})
	}
}

func TestMapFSAndWriteDir(t *testing.T) {
	opt := Options{N: 30, Seed: 5, Folders: true}
	files := Reviews(opt)
	fsys := MapFS(opt)
	dir := t.TempDir()
	if err := WriteDir(dir, opt); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		got, err := fs.ReadFile(fsys, f.Path)
		if err != nil || !bytes.Equal(got, f.Data) {
			t.Errorf("MapFS %s: %v", f.Path, err)
		}
		got, err = os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		if err != nil || !bytes.Equal(got, f.Data) {
			t.Errorf("WriteDir %s: %v", f.Path, err)
		}
	}
	matches, err := fs.Glob(fsys, "reviews/*/*.md")
	if err != nil || len(matches) != len(files) {
		t.Errorf("Glob found %d files, want %d (%v)", len(matches), len(files), err)
	}
}

// front is the front matter as the contract defines it; unknown keys fail
// the decoding.
type front struct {
	Title    string   `yaml:"title"`
	Date     string   `yaml:"date"`
	Status   string   `yaml:"status"`
	Severity string   `yaml:"severity"`
	Services []string `yaml:"services"`
	Summary  string   `yaml:"summary"`
	Tags     []string `yaml:"tags"`
	Window   *struct {
		Start     string `yaml:"start"`
		End       string `yaml:"end"`
		Detected  string `yaml:"detected"`
		Mitigated string `yaml:"mitigated"`
	} `yaml:"window"`
	Traceback       string `yaml:"traceback"`
	TracebackAbsent string `yaml:"traceback_absent"`
	Reproduction    string `yaml:"reproduction"`
	Failure         *struct {
		Function   string   `yaml:"function"`
		Caller     string   `yaml:"caller"`
		Dependency string   `yaml:"dependency"`
		Exceptions []string `yaml:"exceptions"`
	} `yaml:"failure"`
	Config        []string `yaml:"config"`
	Versions      []string `yaml:"versions"`
	WhyNotCaught  string   `yaml:"why_not_caught"`
	CatchNextTime string   `yaml:"catch_next_time"`
	FirstLook     *struct {
		Metric string `yaml:"metric"`
		Log    string `yaml:"log"`
		Config string `yaml:"config"`
	} `yaml:"first_look"`
	Verification *struct {
		Traffic string `yaml:"traffic"`
		Watch   []struct {
			Metric string `yaml:"metric"`
			Expect string `yaml:"expect"`
		} `yaml:"watch"`
	} `yaml:"verification"`
	EdgeInputs map[string]string `yaml:"edge_inputs"`
	Actions    []struct {
		Do     string `yaml:"do"`
		Owner  string `yaml:"owner"`
		Status string `yaml:"status"`
		Due    string `yaml:"due"`
		Link   string `yaml:"link"`
	} `yaml:"actions"`
	Related []string `yaml:"related"`
}

var (
	tagRE        = regexp.MustCompile(`^[a-z0-9-]+$`)
	handleRE     = regexp.MustCompile(`(^|\s)@[A-Za-z0-9_-]+`)
	digitRE      = regexp.MustCompile(`[0-9]`)
	speculations = []string{"i think", "probably", "maybe", "我觉得", "可能是因为", "应该是"}
)

// TestContract checks every generated review against the review format:
// the fields its status requires, the rules on each field and the lint
// warnings, none of which may fire.
func TestContract(t *testing.T) {
	files := Reviews(Options{N: 3000, Seed: 42, Folders: true})
	seen := make(map[string]bool)
	statuses := make(map[string]int)
	for _, file := range files {
		id := strings.TrimSuffix(path.Base(file.Path), ".md")
		errorf := func(format string, args ...any) {
			t.Helper()
			t.Errorf("%s: %s", file.Path, fmt.Sprintf(format, args...))
		}
		fm, body, ok := split(file.Data)
		if !ok {
			errorf("no front matter")
			continue
		}
		var node yaml.Node
		if err := yaml.Unmarshal(fm, &node); err != nil || node.Content[0].Kind != yaml.MappingNode {
			errorf("front matter is not a YAML mapping: %v", err)
			continue
		}
		var r front
		dec := yaml.NewDecoder(bytes.NewReader(fm))
		dec.KnownFields(true)
		if err := dec.Decode(&r); err != nil {
			errorf("decode: %v", err)
			continue
		}
		statuses[r.Status]++
		checkDraft(errorf, id, &r)
		if r.Status == "ready" || r.Status == "final" {
			checkReady(errorf, &r)
		}
		if r.Status == "final" {
			checkFinal(errorf, &r)
		}
		checkOptional(errorf, &r, seen)
		checkProse(errorf, &r, body)
		seen[id] = true
	}
	for s, lo := range map[string]int{"final": 1600, "ready": 600, "draft": 300} {
		if statuses[s] < lo {
			t.Errorf("%d %s reviews of 3000, want at least %d", statuses[s], s, lo)
		}
	}
}

// split returns the front matter and the body of a review.
func split(data []byte) (fm, body []byte, ok bool) {
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		return nil, nil, false
	}
	fm, body, ok = bytes.Cut(rest, []byte("\n---\n"))
	return fm, body, ok
}

type errorf func(format string, args ...any)

func checkDraft(errorf errorf, id string, r *front) {
	if n := utf8.RuneCountInString(r.Title); n < 1 || n > 120 {
		errorf("title of %d characters", n)
	}
	if !strings.HasPrefix(id, r.Date+"-") {
		errorf("date %s does not match the file name", r.Date)
	}
	if _, err := time.Parse(time.DateOnly, r.Date); err != nil {
		errorf("date: %v", err)
	}
	if !slices.Contains([]string{"draft", "ready", "final"}, r.Status) {
		errorf("status %q", r.Status)
	}
	if !slices.Contains(Severities, r.Severity) {
		errorf("severity %q", r.Severity)
	}
	if len(r.Services) == 0 {
		errorf("no services")
	}
	for _, s := range r.Services {
		if !slices.Contains(Services, s) {
			errorf("service %q not in the catalog", s)
		}
	}
	if !digitRE.MatchString(r.Summary) {
		errorf("summary has no measured number")
	}
}

func checkReady(errorf errorf, r *front) {
	if r.Window == nil {
		errorf("no window")
		return
	}
	ts := make(map[string]time.Time)
	for k, v := range map[string]string{"start": r.Window.Start, "end": r.Window.End, "detected": r.Window.Detected, "mitigated": r.Window.Mitigated} {
		tm, err := time.Parse(time.RFC3339, v)
		if err != nil || strings.HasSuffix(v, "Z") {
			errorf("window.%s %q is not RFC 3339 with an offset", k, v)
		}
		ts[k] = tm
	}
	if !ts["end"].After(ts["start"]) {
		errorf("window ends before it starts")
	}
	if ts["detected"].Before(ts["start"]) || ts["mitigated"].Before(ts["start"]) {
		errorf("detected or mitigated before the window")
	}
	if r.Window.Start[:10] != r.Date {
		errorf("window starts on %s, date is %s", r.Window.Start[:10], r.Date)
	}
	if r.Reproduction == "" {
		errorf("no reproduction")
	}
	if r.Failure == nil || r.Failure.Function == "" || r.Failure.Caller == "" || len(r.Failure.Exceptions) == 0 {
		errorf("failure incomplete: %+v", r.Failure)
		return
	}
	switch {
	case r.Traceback == "" && r.TracebackAbsent == "":
		errorf("no traceback")
	case r.Traceback != "":
		tb, err := traceback.Parse(r.Traceback)
		if err != nil {
			errorf("traceback: %v", err)
			return
		}
		if final := tb.Final().Type; !slices.Contains(r.Failure.Exceptions, final) {
			errorf("failure.exceptions %q lacks the final exception %q", r.Failure.Exceptions, final)
		}
		if n := len(tb.Final().Frames); tb.Language == traceback.Python && (n < 3 || n > 8) {
			errorf("Python traceback with %d frames, want 3..8", n)
		}
		if want := finalType(r.Traceback); want != tb.Final().Type {
			errorf("own final-exception check says %q, traceback.Parse %q", want, tb.Final().Type)
		}
	}
}

func checkFinal(errorf errorf, r *front) {
	if len(r.Config) == 0 {
		errorf("no config")
	}
	if r.WhyNotCaught == "" || r.CatchNextTime == "" {
		errorf("why_not_caught or catch_next_time missing")
	}
	if r.FirstLook == nil || r.FirstLook.Metric == "" || r.FirstLook.Log == "" || r.FirstLook.Config == "" {
		errorf("first_look incomplete")
	}
	if r.Verification == nil || r.Verification.Traffic == "" {
		errorf("verification.traffic missing")
		return
	}
	down := 0
	for _, w := range r.Verification.Watch {
		if !slices.Contains([]string{"down", "flat", "up"}, w.Expect) || w.Metric == "" {
			errorf("watch %+v", w)
		}
		if w.Expect == "down" {
			down++
		}
	}
	if len(r.Verification.Watch) < 2 || down == 0 || down == len(r.Verification.Watch) {
		errorf("watch needs a down metric and a side effect: %+v", r.Verification.Watch)
	}
	if len(r.Actions) == 0 {
		errorf("no actions")
	}
}

// checkOptional checks the fields that are valid at any status when given.
func checkOptional(errorf errorf, r *front, earlier map[string]bool) {
	for _, tag := range r.Tags {
		if !tagRE.MatchString(tag) {
			errorf("tag %q", tag)
		}
	}
	for _, c := range r.Config {
		if name, value, ok := strings.Cut(c, " = "); !ok || name == "" || value == "" {
			errorf("config line %q is not name = value", c)
		}
	}
	for _, v := range r.Versions {
		name, ver, ok := strings.Cut(v, "==")
		if !ok || name == "" || ver == "" || strings.ContainsAny(name+ver, "<>~!= ") {
			errorf("version %q is not pinned", v)
		}
	}
	for _, a := range r.Actions {
		if a.Do == "" || !slices.Contains(Teams, a.Owner) || !slices.Contains([]string{"open", "done", "wontfix"}, a.Status) {
			errorf("action %+v", a)
		}
		if a.Status == "open" && a.Due != "" && a.Due < "2028-01-01" {
			errorf("open action due %s", a.Due)
		}
	}
	if r.EdgeInputs != nil {
		for _, k := range []string{"none", "empty", "long", "negative"} {
			if r.EdgeInputs[k] == "" {
				errorf("edge_inputs.%s missing", k)
			}
		}
	}
	for _, id := range r.Related {
		if !earlier[id] {
			errorf("related %s is not an earlier review", id)
		}
	}
}

// checkProse looks for what would draw a warning or betray a template bug.
func checkProse(errorf errorf, r *front, body []byte) {
	text := strings.ToLower(r.Summary + "\n" + r.WhyNotCaught + "\n" + string(body))
	for _, w := range speculations {
		if strings.Contains(text, w) {
			errorf("speculation %q", w)
		}
	}
	if handleRE.MatchString(r.WhyNotCaught) || strings.Contains(string(body), "@") {
		errorf("a handle in why_not_caught or the body")
	}
	if strings.Contains(text, "%!") {
		errorf("formatting error in the prose")
	}
	if n := bytes.Count(body, []byte("\n")); n < 20 || n > 80 {
		errorf("body of %d lines", n)
	}
}

// finalType is the contract's rule for the final exception, enough for the
// generator's own templates.
func finalType(tb string) string {
	lines := strings.Split(strings.TrimRight(tb, "\n"), "\n")
	first := lines[0]
	switch {
	case strings.HasPrefix(first, "panic: "):
		return strings.TrimSuffix(strings.TrimPrefix(first, "panic: "), " [recovered]")
	case strings.HasPrefix(first, "Traceback "):
		return typeOf(lines[len(lines)-1])
	}
	if rest, ok := strings.CutPrefix(first, "Exception in thread \""); ok {
		first = rest[strings.Index(rest, "\" ")+2:]
	}
	return typeOf(first)
}

func BenchmarkReviews10k(b *testing.B) {
	var size int
	for b.Loop() {
		size = 0
		for _, f := range Reviews(Options{N: 10000, Seed: 1, Folders: true}) {
			size += len(f.Data)
		}
	}
	b.ReportMetric(float64(size)/10000, "bytes/review")
}

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		width      int
	}{
		{"short", "a b c", 10},
		{"english", "For 32 minutes 12% of POST /api/v1/order returned 500 because cache.get_user_profile() raised ConnectionError", 30},
		{"chinese", "32 分钟内 POST /api/v1/order 有 12% 的请求返回 500，原因是 cache.get_user_profile() 在 Redis 延迟升到 800 ms 后抛出异常，超时设置为 2 秒。", 30},
		{"no spaces", "一二三四五六七八九十一二三四五六七八九十", 10},
		{"double spaces", "aaaa  bbbb  cccc  dddd", 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := wrap(tc.text, tc.width)
			if got := strings.Join(lines, " "); got != tc.text {
				t.Errorf("joined lines = %q, want %q", got, tc.text)
			}
			var out strings.Builder
			yamlWriter{&out}.folded(0, "k", tc.text)
			var m map[string]string
			if err := yaml.Unmarshal([]byte(out.String()), &m); err != nil || m["k"] != tc.text+"\n" {
				t.Errorf("folded scalar reads back as %q (%v), want %q", m["k"], err, tc.text+"\n")
			}
		})
	}
}
