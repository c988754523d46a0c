package review

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
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
	data, err := os.ReadFile(name)
	if errors.Is(err, os.ErrNotExist) {
		return c, nil
	} else if err != nil {
		return c, err
	}
	line, rest, _ := bytes.Cut(data, []byte("\n"))
	if string(line) != statCacheHeader {
		return c, fmt.Errorf("%s: %w: not a stat cache", name, ErrDamagedCache)
	}
	for n := 2; len(rest) > 0; n++ {
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		f := strings.Split(string(line), "\t")
		if len(f) != 4 {
			return &StatCache{m: map[string]State{}}, fmt.Errorf("%s:%d: %w: want 4 fields, have %d", name, n, ErrDamagedCache, len(f))
		}
		size, err1 := strconv.ParseInt(f[1], 10, 64)
		mtime, err2 := strconv.ParseInt(f[2], 10, 64)
		if err1 != nil || err2 != nil || len(f[3]) != 64 {
			return &StatCache{m: map[string]State{}}, fmt.Errorf("%s:%d: %w: bad size, time or hash", name, n, ErrDamagedCache)
		}
		c.m[f[0]] = State{Path: f[0], Size: size, MTime: mtime, Hash: f[3]}
	}
	return c, nil
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
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".stat-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename, nothing is there
	w := bufio.NewWriter(tmp)
	fmt.Fprintln(w, statCacheHeader)
	for _, p := range paths {
		s := c.m[p]
		fmt.Fprintf(w, "%s\t%d\t%d\t%s\n", s.Path, s.Size, s.MTime, s.Hash)
	}
	if err := errors.Join(w.Flush(), tmp.Close()); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return err
	}
	c.dirty = false
	return nil
}
