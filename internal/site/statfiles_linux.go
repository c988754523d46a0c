package site

import (
	"os"

	"golang.org/x/sys/unix"
)

// statFiles stats the files names of the folder dir, without following
// a symlink: each by its name relative to the folder opened once
// (fstatat), which spares the kernel walking dir's path again for each.
// ok is false when the folder or any file cannot be stat'ed.
func statFiles(dir string, names []string) (stats []fileStat, ok bool) {
	d, err := os.Open(dir)
	if err != nil {
		return nil, false
	}
	defer d.Close()
	conn, err := d.SyscallConn()
	if err != nil {
		return nil, false
	}
	stats = make([]fileStat, len(names))
	ok = true
	cerr := conn.Control(func(fd uintptr) {
		var st unix.Stat_t
		for i, n := range names {
			if err := unix.Fstatat(int(fd), n, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
				ok = false
				return
			}
			stats[i] = fileStat{
				regular: st.Mode&unix.S_IFMT == unix.S_IFREG,
				size:    st.Size,
				mtime:   st.Mtim.Nano(),
			}
		}
	})
	return stats, ok && cerr == nil
}
