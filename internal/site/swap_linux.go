package site

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// exchange swaps the folders a and b in one atomic step: renameat2(2) with
// RENAME_EXCHANGE. Where the kernel or the file system cannot (ENOSYS
// before Linux 3.15, EINVAL or EOPNOTSUPP on file systems without it, as
// some network ones), it swaps in steps (swapInSteps).
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EINVAL), errors.Is(err, unix.EOPNOTSUPP):
		return swapInSteps(a, b)
	}
	return &os.LinkError{Op: "renameat2 exchange", Old: a, New: b, Err: err}
}
