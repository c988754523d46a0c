package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestMap(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "cache")
	if err := WriteBytes(name, []byte("first content\n"), false); err != nil {
		t.Fatal(err)
	}
	first, err := Map(name)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(first), "first content\n"; got != want {
		t.Fatalf("Map = %q, want %q", got, want)
	}
	// Replaced by Write, then removed: what was mapped stays as it was.
	if err := WriteBytes(name, []byte("second\n"), false); err != nil {
		t.Fatal(err)
	}
	second, err := Map(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(name); err != nil {
		t.Fatal(err)
	}
	if got, want := string(first), "first content\n"; got != want {
		t.Errorf("the first mapping after the file was replaced = %q, want %q", got, want)
	}
	if got, want := string(second), "second\n"; got != want {
		t.Errorf("the second mapping = %q, want %q", got, want)
	}

	empty := filepath.Join(dir, "empty")
	if err := WriteBytes(empty, nil, false); err != nil {
		t.Fatal(err)
	}
	if got, err := Map(empty); err != nil || len(got) != 0 {
		t.Errorf("Map(empty file) = %q, %v; want no bytes, no error", got, err)
	}
	if _, err := Map(filepath.Join(dir, "missing")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Map(missing file) error = %v, want one of os.ErrNotExist", err)
	}
	if _, err := Map(dir); err == nil {
		t.Error("Map(a folder) gave no error")
	}
}

func TestMapped(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "record")
	if err := WriteBytes(name, []byte("record bytes"), false); err != nil {
		t.Fatal(err)
	}
	m, err := Mapped(name)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(m.Data), "record bytes"; got != want {
		t.Errorf("Mapped = %q, want %q", got, want)
	}
	if err := m.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if m.Data != nil {
		t.Error("after Close, Data is still set")
	}
	if err := m.Close(); err != nil {
		t.Errorf("a second Close: %v", err)
	}
	if _, err := Mapped(filepath.Join(dir, "missing")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Mapped(missing file) error = %v, want one of os.ErrNotExist", err)
	}
}
