package review

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestGoBuildID(t *testing.T) {
	if runtime.GOOS == "linux" {
		exe, err := os.Executable()
		if err != nil {
			t.Fatal(err)
		}
		// The test binary is built by the go command, with a build ID.
		if id := goBuildID(exe); strings.Count(id, "/") < 1 {
			t.Errorf("goBuildID(the test binary) = %q, want a build ID", id)
		}
	}
	notELF := filepath.Join(t.TempDir(), "script")
	if err := os.WriteFile(notELF, []byte("#!/bin/sh\necho hi\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if id := goBuildID(notELF); id != "" {
		t.Errorf("goBuildID(a script) = %q, want none", id)
	}
}

func TestParseBuildIDNote(t *testing.T) {
	note := func(name string, typ uint32, desc string) []byte {
		b := binary.LittleEndian.AppendUint32(nil, uint32(len(name)))
		b = binary.LittleEndian.AppendUint32(b, uint32(len(desc)))
		b = binary.LittleEndian.AppendUint32(b, typ)
		return append(append(b, name...), desc...)
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"go", note("Go\x00\x00", 4, "abc/def"), "abc/def"},
		{"other vendor", note("GNU\x00", 4, "abc/def"), ""},
		{"other type", note("Go\x00\x00", 3, "abc/def"), ""},
		{"cut short", note("Go\x00\x00", 4, "abc/def")[:18], ""},
		{"no header", []byte("Go"), ""},
	} {
		if got := parseBuildIDNote(tc.data, binary.LittleEndian); got != tc.want {
			t.Errorf("%s: parseBuildIDNote = %q, want %q", tc.name, got, tc.want)
		}
	}
}
