package review

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/fupan/fupan/internal/atomicfile"
)

// statCacheName is the name of the stat cache in Options.CacheDir.
const statCacheName = "stat"

// statCacheHeader is the first line of a stat cache file.
const statCacheHeader = "fupan stat cache v1"

// ErrDamagedCache is wrapped by ReadStatCache for a file that is not a
// stat cache: it is set aside, and the next scan reads every file.
var ErrDamagedCache = errors.New("damaged")

// ReadStatCache reads a stat cache written by Write. A missing file gives
// an empty cache and no error; a damaged one an empty cache and an error
// wrapping ErrDamagedCache, for a note: the cache only saves work.
func ReadStatCache(name string) (*StatCache, error) {
	c := &StatCache{m: map[string]State{}}
	data, err := readString(name)
	if errors.Is(err, os.ErrNotExist) {
		return c, nil
	} else if err != nil {
		return c, err
	}
	head, text, _ := strings.Cut(data, "\n")
	if head != statCacheHeader {
		return c, fmt.Errorf("%s: %w: not a stat cache", name, ErrDamagedCache)
	}
	c.m = make(map[string]State, strings.Count(text, "\n"))
	for n := 2; len(text) > 0; n++ {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		s, err := parseStatLine(line)
		if err != nil {
			return &StatCache{m: map[string]State{}}, fmt.Errorf("%s:%d: %w: %v", name, n, ErrDamagedCache, err)
		}
		c.m[s.Path] = s
	}
	return c, nil
}

// readString reads the file name into one string, whose parts the cache
// keeps as its paths and hashes: a warm run reads 10,000 lines, and a
// string of each, or a copy of the file, would cost more than the parse.
func readString(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var b strings.Builder
	if info, err := f.Stat(); err == nil {
		b.Grow(int(info.Size()) + 1) // +1: a read at the end sees EOF
	}
	_, err = io.Copy(&b, f)
	return b.String(), err
}

// parseStatLine parses a line of a stat cache: path, size, time and hash,
// tab-separated.
func parseStatLine(line string) (State, error) {
	p, rest, ok1 := strings.Cut(line, "\t")
	size, rest, ok2 := strings.Cut(rest, "\t")
	mtime, hash, ok3 := strings.Cut(rest, "\t")
	if !ok1 || !ok2 || !ok3 || strings.Contains(hash, "\t") {
		return State{}, fmt.Errorf("want 4 fields, have %d", strings.Count(line, "\t")+1)
	}
	s := State{Path: p, Hash: hash}
	var err1, err2 error
	s.Size, err1 = strconv.ParseInt(size, 10, 64)
	s.MTime, err2 = strconv.ParseInt(mtime, 10, 64)
	if err1 != nil || err2 != nil || len(hash) != 64 {
		return State{}, errors.New("bad size, time or hash")
	}
	return s, nil
}

// Write writes the cache to name when it changed since it was read,
// atomically: to a temporary file beside it, renamed.
func (c *StatCache) Write(name string) error {
	if !c.dirty {
		return nil
	}
	paths := make([]string, 0, len(c.m))
	for p := range c.m {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	err := atomicfile.Write(name, false, func(w io.Writer) error {
		fmt.Fprintln(w, statCacheHeader)
		for _, p := range paths {
			s := c.m[p]
			fmt.Fprintf(w, "%s\t%d\t%d\t%s\n", s.Path, s.Size, s.MTime, s.Hash)
		}
		return nil
	})
	if err != nil {
		return err
	}
	c.dirty = false
	return nil
}
