package site

import (
	"golang.org/x/sys/unix"
)

// A statRoot stats the files and folders under a folder opened once, each
// by its slash path relative to it (fstatat), without following a symlink
// at the end of the path: two system calls for a folder and its file, where
// opening the folder to stat the file in it (os.Open, then Go's poller:
// fcntl and epoll_ctl on it) takes nine. The folder is opened with O_PATH,
// which reads nothing of it and is never registered with the poller.
type statRoot struct{ fd int }

// openStatRoot opens the folder dir for stat-ing under it.
func openStatRoot(dir string) (statRoot, error) {
	for {
		fd, err := unix.Open(dir, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return statRoot{}, err
		}
		return statRoot{fd}, nil
	}
}

// close closes the folder.
func (r statRoot) close() { unix.Close(r.fd) }

// stat stats rel, a slash path under the folder; ok is false when it
// cannot be stat'ed.
func (r statRoot) stat(rel string) (fi fileStat, ok bool) {
	var st unix.Stat_t
	for {
		err := unix.Fstatat(r.fd, rel, &st, unix.AT_SYMLINK_NOFOLLOW)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return fileStat{}, false
		}
		break
	}
	return fileStat{
		regular: st.Mode&unix.S_IFMT == unix.S_IFREG,
		dir:     st.Mode&unix.S_IFMT == unix.S_IFDIR,
		size:    st.Size,
		mtime:   st.Mtim.Nano(),
	}, true
}
