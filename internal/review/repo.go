package review

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fupan/fupan/internal/progress"
)

// Dir is the folder of a repository that holds the reviews.
const Dir = "reviews"

// Repo is a review repository as read and checked.
type Repo struct {
	Config   Config
	Reviews  []*Review // every review that could be decoded, sorted by path
	Findings []Finding // every error and warning, sorted by file and line

	// FS is what the repository was read from: the source of each review
	// file (Review.Path), which the site publishes beside its page.
	FS fs.FS
	// Sources is, in a repository as a publish profile shows it
	// (Profile.Apply), the path of each review's file by its published
	// path; nil otherwise.
	Sources map[string]string
}

// Options tune Load.
type Options struct {
	// Now is the time the overdue-action rule compares due dates with;
	// the zero value means time.Now().
	Now time.Time

	// Progress, when set, is told how the checking goes, file by file.
	Progress progress.Reporter

	// CacheDir, when set, is the folder where Load keeps what it read for
	// the next process (the repository's .fupan): the stat cache every
	// command shares (CacheDir/stat, StatCache), and each review file as
	// decoded and checked (CacheDir/parsed), so that a file whose content
	// did not change is not parsed again. The results are those of a Load
	// without it. The folder is made when missing; a cache that cannot be
	// read is ignored, one that cannot be written is not.
	CacheDir string

	// Listing, when set and scanned (Listing.Scan), is the review files
	// of the repository as listed and stat'ed a moment before by the same
	// run, of the same fsys (a build's key takes it): Load takes their
	// states, and the hashes the scan gave them, rather than listing and
	// stat-ing every file again, and neither reads nor writes the stat
	// cache. A file changed since it was listed is Load's as listed,
	// unless Load reads it (a file the parsed-review cache lacks), which
	// it keeps with the hash of what it read (see Snapshot.parse); either
	// way, the next listing sees the change.
	Listing *Listing
}

// Load reads fupan.yaml and every reviews/**/*.md of fsys and checks them
// against the contract. Problems with the reviews are Findings; the error is
// for a repository that cannot be read at all (no reviews folder, I/O).
//
// Files named README.md or starting with "_" or "." are not reviews and are
// skipped. A symlink whose target lies outside fsys is never followed; it is
// reported.
func Load(fsys fs.FS, opt Options) (*Repo, error) {
	repo, _, err := NewSnapshot(fsys).Load(opt)
	return repo, err
}

// reviewEntries lists the review files under reviews/, sorted, with their
// directory entries.
func reviewEntries(fsys fs.FS) ([]Entry, []Finding, error) {
	var entries []Entry
	var findings []Finding
	err := fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == Dir {
				return fmt.Errorf("no %s folder: %w (run 'fupan init' to start a review repository, or pass --repo)", Dir, err)
			}
			findings = append(findings, readFinding(p, err))
			return nil
		}
		if p == Dir && !d.IsDir() {
			return fmt.Errorf("%s is a file, not the folder of the reviews: move it aside and make %s/ a folder (run 'fupan init' to start a review repository)", Dir, Dir)
		}
		name := d.Name()
		if p != Dir && notReview(name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if f := checkMisnamed(p, d); f != nil {
			findings = append(findings, *f)
		}
		if d.IsDir() || !isReviewName(name) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if f := checkLink(fsys, p); f != nil {
				findings = append(findings, *f)
				return nil
			}
		}
		if f := checkRegular(fsys, p, d); f != nil {
			findings = append(findings, *f)
			return nil
		}
		entries = append(entries, Entry{Path: p, DirEntry: d})
		return nil
	})
	return entries, findings, err
}

// checkLink reports a symlink whose target lies outside fsys (or cannot be
// told), which is never followed.
func checkLink(fsys fs.FS, p string) *Finding {
	f := &Finding{File: p, Line: 1, Col: 1, Severity: Error}
	target, err := fs.ReadLink(fsys, p)
	if err != nil {
		f.Message, f.Err = "a symlink that cannot be read: "+err.Error()+": replace it with the file itself", err
		return f
	}
	if path.IsAbs(target) || strings.HasPrefix(target, "/") {
		f.Message = fmt.Sprintf("a symlink to %s, outside the repository: not followed; copy the review into the repository instead", target)
		return f
	}
	if resolved := path.Join(path.Dir(p), target); resolved == ".." || strings.HasPrefix(resolved, "../") {
		f.Message = fmt.Sprintf("a symlink to %s, outside the repository: not followed; copy the review into the repository instead", target)
		return f
	}
	if _, err := fs.Stat(fsys, p); err != nil {
		f.Err = err
		switch {
		case errors.Is(err, syscall.ELOOP):
			f.Message = fmt.Sprintf("a symlink to %s, which leads back to itself (a symlink loop): not followed; replace it with the review's file", target)
		case errors.Is(err, fs.ErrNotExist):
			f.Message = fmt.Sprintf("a symlink to %s, which does not exist: remove it, or point it at the review's file", target)
		default:
			return nil // reading it reports why
		}
		return f
	}
	return nil
}

// readFinding is the finding on a file or folder that cannot be read.
func readFinding(p string, err error) Finding {
	msg := "cannot read: " + err.Error()
	if errors.Is(err, fs.ErrPermission) {
		msg += ": give yourself permission to read it (chmod u+r, and u+x on a folder)"
	}
	return Finding{File: p, Line: 1, Col: 1, Severity: Error, Message: msg, Err: err}
}

// markdownExts are the extensions of a Markdown file that are not a
// review's .md.
var markdownExts = []string{".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn"}

// checkMisnamed reports what would be a review but for its name, and so
// would be left out of the check and the site without a word: a folder
// named like a review file, or a Markdown file whose name ends in another
// extension than .md (.MD, .markdown). A warning: such a file was never a
// review, and a repository that passed the check with it still does.
func checkMisnamed(p string, d fs.DirEntry) *Finding {
	name := d.Name()
	ext := path.Ext(name)
	if p == Dir || ext == ".md" && !d.IsDir() {
		return nil
	}
	f := &Finding{File: p, Line: 1, Col: 1, Severity: Warning}
	switch {
	case d.IsDir() && strings.EqualFold(ext, ".md"):
		f.Message = "a folder named like a review file: a review is one Markdown file; rename the folder (without .md), or put the review's file in its place"
	case d.IsDir() || strings.EqualFold(strings.TrimSuffix(name, ext), "README"):
		return nil
	case strings.EqualFold(ext, ".md") || slices.Contains(markdownExts, strings.ToLower(ext)):
		f.Message = fmt.Sprintf("the file name ends in %s, not .md: it is not read as a review; rename it to %s.md", ext, strings.TrimSuffix(name, ext))
	default:
		return nil
	}
	return f
}

// checkRegular reports a review path that is not a regular file (a named
// pipe, a socket, a device, or a symlink to one), which is never opened:
// reading a named pipe would wait for a writer for ever.
func checkRegular(fsys fs.FS, p string, d fs.DirEntry) *Finding {
	mode := d.Type()
	if mode&fs.ModeSymlink != 0 {
		stat, ok := fsys.(fs.StatFS)
		if !ok {
			return nil // fs.Stat would open the file to tell
		}
		info, err := stat.Stat(p)
		if err != nil {
			return nil // reading it reports why
		}
		mode = info.Mode().Type()
	}
	if mode.IsRegular() {
		return nil
	}
	kind := "not a regular file"
	switch {
	case mode&fs.ModeNamedPipe != 0:
		kind = "a named pipe"
	case mode&fs.ModeSocket != 0:
		kind = "a socket"
	case mode&fs.ModeDevice != 0:
		kind = "a device"
	}
	return &Finding{File: p, Line: 1, Col: 1, Severity: Error, Message: kind + ", not a review file: not read; remove it, or replace it with the review's Markdown file"}
}

// loadFile reads, decodes and checks one review. The doc is nil when the
// front matter could not be decoded. The findings are for any day: pick
// those of a day with dueFindings.
func loadFile(fsys fs.FS, p string, cfg *Config) (*Review, *doc, []Finding) {
	data, err := readLimited(fsys, p)
	if err != nil {
		// A file over MaxFileSize is reported by its size, never read.
		if big, ok := errors.AsType[*tooBig](err); ok {
			r := &Review{ID: strings.TrimSuffix(path.Base(p), ".md"), Path: p}
			return r, nil, withFile(p, append(checkFileName(r, nil), *tooBigFinding(big.size)))
		}
		return nil, nil, []Finding{readFinding(p, err)}
	}
	return parseFile(p, data, cfg)
}

// withFile sets the file of every finding to p.
func withFile(p string, fs []Finding) []Finding {
	for i := range fs {
		fs[i].File = p
	}
	return fs
}

// parseFile decodes and checks the content of the review file p. Every
// finding has the file's secrets masked (maskSecrets). The findings are
// for any day, as loadFile's.
func parseFile(p string, data []byte, cfg *Config) (*Review, *doc, []Finding) {
	r := &Review{ID: strings.TrimSuffix(path.Base(p), ".md"), Path: p}
	nameFindings := checkFileName(r, nil)
	src, bad := cleanSource(data)
	if bad != nil {
		return r, nil, withFile(p, append(nameFindings, *bad))
	}
	d, findings := checkSource(r, src, cfg)
	if d == nil {
		findings = append(nameFindings, findings...)
	}
	found, secrets := scanSecrets(src, r.BodyLine, d, cfg.Secrets.Allow)
	findings = append(findings, found...)
	maskSecrets(findings, secrets) // a field's name may be one
	return r, d, withFile(p, findings)
}

// checkSource decodes and checks a cleaned review file into r. The doc is
// nil when the front matter could not be decoded.
func checkSource(r *Review, src []byte, cfg *Config) (*doc, []Finding) {
	d, findings := decodeSource(r, src)
	if d == nil {
		return nil, findings
	}
	d.set = schemaFor(cfg)
	r.Pos = d.positions(len(r.Actions))
	// A field's own finding (a value YAML read as a comment) says more
	// than the schema's that it is missing.
	findings = oneFindingPerTypo(append(findings, validateSchema(d)...))
	findings = append(findings, checkFileName(r, d)...)
	findings = append(findings, checkRules(r, d, cfg)...)
	findings = append(findings, checkFences(r, d, src)...)
	findings = append(findings, lint(r, d, src, cfg)...)
	return d, findings
}

type tooBig struct{ size int64 }

func (e *tooBig) Error() string { return "too big" }

func readLimited(fsys fs.FS, p string) ([]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > MaxFileSize {
		return nil, &tooBig{st.Size()}
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err == nil && len(data) > MaxFileSize {
		return nil, &tooBig{int64(len(data))}
	}
	return data, err
}

// relatedAt returns where each of r's related entries is, as a finding
// with no message, for crossFileRules; nil when r names none.
func relatedAt(r *Review, d *doc) []Finding {
	if d == nil || len(r.Related) == 0 {
		return nil
	}
	at := make([]Finding, len(r.Related))
	for i := range r.Related {
		at[i] = d.find(Error, "/related/"+strconv.Itoa(i), false, "")
	}
	return at
}

// crossFileRules checks what needs every review: unique ids and related,
// whose entries are where related says (relatedAt), by review.
func crossFileRules(reviews []*Review, related map[*Review][]Finding) []Finding {
	var out []Finding
	byID := map[string][]*Review{}
	for _, r := range reviews {
		byID[r.ID] = append(byID[r.ID], r)
	}
	for id, rs := range byID {
		if len(rs) < 2 {
			continue
		}
		var paths []string
		for _, r := range rs {
			paths = append(paths, r.Path)
		}
		slices.Sort(paths)
		for _, r := range rs {
			out = append(out, Finding{File: r.Path, Line: 1, Col: 1, Severity: Error, Message: fmt.Sprintf(
				"id %q is used by %d files (%s): the id is the file name, unique across all folders; rename all but one",
				id, len(rs), strings.Join(paths, ", "))})
		}
	}
	// ids are the sorted ids, for "did you mean": made once, when needed.
	ids := sync.OnceValue(func() []string {
		ids := slices.Collect(maps.Keys(byID))
		slices.Sort(ids)
		return ids
	})
	for _, r := range reviews {
		at := related[r]
		for i, rel := range r.Related {
			if i >= len(at) {
				break
			}
			f := at[i]
			switch {
			case rel == r.ID:
				f.Message = fmt.Sprintf("related names this review itself: remove %q", rel)
			case byID[rel] == nil:
				f.Message = fmt.Sprintf("related %q is not the id of any review", rel)
				if s := suggest(rel, ids()); s != "" {
					f.Message += fmt.Sprintf(": did you mean %q?", s)
				} else {
					f.Message += ": an id is a review's file name without .md"
				}
			default:
				continue
			}
			f.File = r.Path
			out = append(out, f)
		}
	}
	return out
}
