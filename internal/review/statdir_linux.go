package review

import (
	"io/fs"
	"os"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"
)

// statDirs returns fsys with a ReadDir that stats a folder's entries on
// GOMAXPROCS goroutines, for the folders that fsys opens as an *os.File
// (os.DirFS, os.Root's FS); other folders are read by fs.ReadDir.
//
// A folder opened in an os.Root has its entries stat'ed one after the
// other by ReadDir: with 10,000 reviews, most of the time of a warm
// search. Here each entry is stat'ed by name relative to the open folder
// (fstatat without following a symlink), as os.Root does, so nothing
// outside the folder is looked at.
func statDirs(fsys fs.FS) fs.FS { return statDirFS{fsys} }

type statDirFS struct{ fsys fs.FS }

func (f statDirFS) Open(name string) (fs.File, error) { return f.fsys.Open(name) }

func (f statDirFS) ReadLink(name string) (string, error) { return fs.ReadLink(f.fsys, name) }

func (f statDirFS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(f.fsys, name) }

func (f statDirFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(f.fsys, name) }

// ReadDir lists the folder name sorted by name, as fs.ReadDir does, with
// each entry's FileInfo taken. An entry removed while the folder is read
// is left out, as os does; on any other error it falls back to
// fs.ReadDir, which says it as os does.
func (f statDirFS) ReadDir(name string) ([]fs.DirEntry, error) {
	file, err := f.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	dir, ok := file.(*os.File)
	if !ok {
		return fs.ReadDir(f.fsys, name)
	}
	names, err := dir.Readdirnames(-1)
	if err != nil {
		return fs.ReadDir(f.fsys, name)
	}
	slices.Sort(names) // strings sort faster than entries
	conn, err := dir.SyscallConn()
	if err != nil {
		return fs.ReadDir(f.fsys, name)
	}
	entries := make([]fs.DirEntry, len(names))
	infos := make([]statInfo, len(names)) // one allocation, not one a file
	var failed atomic.Bool
	err = conn.Control(func(fd uintptr) {
		eachChunk(len(names), func(lo, hi int) {
			for i := lo; i < hi; i++ {
				info := &infos[i]
				info.name = names[i]
				switch err := unix.Fstatat(int(fd), names[i], &info.st, unix.AT_SYMLINK_NOFOLLOW); {
				case err == unix.ENOENT: // removed since listed
				case err != nil:
					failed.Store(true)
				default:
					entries[i] = info
				}
			}
		})
	})
	if err != nil || failed.Load() {
		return fs.ReadDir(f.fsys, name)
	}
	return slices.DeleteFunc(entries, func(e fs.DirEntry) bool { return e == nil }), nil
}

// eachChunk calls f on the ranges [lo, hi) of [0, n), statChunk long, on
// up to GOMAXPROCS goroutines, and returns when every call has.
func eachChunk(n int, f func(lo, hi int)) {
	chunks := (n + statChunk - 1) / statChunk
	workers := min(runtime.GOMAXPROCS(0), chunks)
	if workers <= 1 {
		f(0, n)
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for c := int(next.Add(1) - 1); c < chunks; c = int(next.Add(1) - 1) {
				f(c*statChunk, min((c+1)*statChunk, n))
			}
		})
	}
	wg.Wait()
}

// A statInfo is the fs.FileInfo of a file stat'ed by fstatat, as os
// makes it of the same stat, and its fs.DirEntry.
type statInfo struct {
	name string
	st   unix.Stat_t
}

func (i *statInfo) Name() string       { return i.name }
func (i *statInfo) Size() int64        { return i.st.Size }
func (i *statInfo) ModTime() time.Time { return time.Unix(i.st.Mtim.Unix()) }
func (i *statInfo) IsDir() bool        { return i.Mode().IsDir() }
func (i *statInfo) Sys() any           { return &i.st }

func (i *statInfo) Type() fs.FileMode          { return i.Mode().Type() }
func (i *statInfo) Info() (fs.FileInfo, error) { return i, nil }
func (i *statInfo) String() string             { return fs.FormatDirEntry(i) }

// Mode is the file mode of the stat, as os.Lstat gives it.
func (i *statInfo) Mode() fs.FileMode {
	m := fs.FileMode(i.st.Mode & 0o777)
	switch i.st.Mode & unix.S_IFMT {
	case unix.S_IFBLK:
		m |= fs.ModeDevice
	case unix.S_IFCHR:
		m |= fs.ModeDevice | fs.ModeCharDevice
	case unix.S_IFDIR:
		m |= fs.ModeDir
	case unix.S_IFIFO:
		m |= fs.ModeNamedPipe
	case unix.S_IFLNK:
		m |= fs.ModeSymlink
	case unix.S_IFSOCK:
		m |= fs.ModeSocket
	}
	if i.st.Mode&unix.S_ISGID != 0 {
		m |= fs.ModeSetgid
	}
	if i.st.Mode&unix.S_ISUID != 0 {
		m |= fs.ModeSetuid
	}
	if i.st.Mode&unix.S_ISVTX != 0 {
		m |= fs.ModeSticky
	}
	return m
}
