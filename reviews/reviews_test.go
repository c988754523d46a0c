package reviews

import (
	"bytes"
	"io/fs"
	"os"
	"testing"
)

// The examples built into fupan have the settings of the repository
// root's fupan.yaml.
func TestConfigIsTheRoots(t *testing.T) {
	root, err := os.ReadFile("../fupan.yaml")
	if err != nil {
		t.Fatal(err)
	}
	got, err := fs.ReadFile(Repo(), "fupan.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, root) {
		t.Error("reviews/_fupan.yaml differs from fupan.yaml: copy fupan.yaml over it")
	}
}
