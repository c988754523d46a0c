package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	for _, sync := range []bool{false, true} {
		t.Run(fmt.Sprint("sync=", sync), func(t *testing.T) {
			name := filepath.Join(t.TempDir(), "state", "manifest") // the folder is made
			if err := WriteBytes(name, []byte("v1\n"), sync); err != nil {
				t.Fatal(err)
			}
			if err := Write(name, sync, func(w io.Writer) error {
				_, err := fmt.Fprintf(w, "v%d\n", 2)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			if got, err := os.ReadFile(name); err != nil || string(got) != "v2\n" {
				t.Errorf("after the second write: %q, %v; want %q", got, err, "v2\n")
			}
			onlyFile(t, name)
		})
	}
}

// TestWriteFails: a write that fails leaves the file as it was and no
// temporary file beside it.
func TestWriteFails(t *testing.T) {
	name := filepath.Join(t.TempDir(), "stat")
	if err := WriteBytes(name, []byte("old\n"), false); err != nil {
		t.Fatal(err)
	}
	bad := errors.New("disk on fire")
	err := Write(name, true, func(w io.Writer) error {
		fmt.Fprintln(w, "half of the new")
		return bad
	})
	if !errors.Is(err, bad) {
		t.Errorf("Write = %v, want %v", err, bad)
	}
	if got, err := os.ReadFile(name); err != nil || string(got) != "old\n" {
		t.Errorf("after a failed write: %q, %v; want %q", got, err, "old\n")
	}
	onlyFile(t, name)
}

// TestWriteNoFolder: a folder that cannot be made is an error, not a
// panic, and writes nothing.
func TestWriteNoFolder(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteBytes(filepath.Join(file, "manifest"), []byte("x"), false); err == nil {
		t.Error("writing under a file: no error")
	}
}

// onlyFile fails unless name is the only entry of its folder.
func onlyFile(t *testing.T, name string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(name))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != filepath.Base(name) {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("the folder holds %q, want only %q", names, filepath.Base(name))
	}
}
