package review

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"encoding/hex"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"sync"
)

// Program identifies this fupan, as the parsed-review cache's key does
// (parsedCacheProgram), for other keys of what it made; "" when it cannot
// be told apart from another. It is worked out once a process.
func Program() string { return parsedCacheProgram() }

// parsedCacheProgram identifies this fupan, whose code makes the parses:
// its module version and Go's when it is a release or a build of a clean
// checkout (a version with a commit in it); else, as a development build
// changes with every edit, the Go build ID of its executable, which ends
// with the hash of the executable's content (goBuildID); else the
// SHA-256 of its executable. It is "" when none can be had.
var parsedCacheProgram = sync.OnceValue(func() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		v := bi.Main.Version
		if v != "" && v != "(devel)" && !strings.Contains(v, "+dirty") {
			return v + " " + bi.GoVersion
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	if id := goBuildID(exe); id != "" {
		return "go build id " + id
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return "executable " + hex.EncodeToString(h.Sum(nil))
})

// goBuildID returns the Go build ID of the ELF executable exe, read from
// its note, without reading the rest of the file: "" when exe is not ELF
// or has none. The go command makes an executable's build ID of hashes
// of what it was built from, the last of the executable's own content
// (with the ID left out), so two executables with one build ID are the
// same. Only an ID of that form is taken: one set by hand with
// -ldflags=-buildid, which says nothing of the content, is not.
func goBuildID(exe string) string {
	f, err := elf.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	s := f.Section(".note.go.buildid")
	if s == nil {
		return ""
	}
	data, err := s.Data()
	if err != nil {
		return ""
	}
	id := parseBuildIDNote(data, f.ByteOrder)
	parts := strings.Split(id, "/")
	if len(parts) < 2 || len(parts) > 4 {
		return ""
	}
	for _, p := range parts {
		if len(p) < 20 { // each is a hash, base64-encoded
			return ""
		}
	}
	return id
}

// parseBuildIDNote returns the build ID of an ELF note of the Go
// toolchain: name size, description size and type (4), the name "Go",
// padded to 4 bytes, and the ID as the description.
func parseBuildIDNote(data []byte, order binary.ByteOrder) string {
	if len(data) < 16 {
		return ""
	}
	namesz, descsz, typ := order.Uint32(data), order.Uint32(data[4:]), order.Uint32(data[8:])
	if namesz != 4 || typ != 4 || !bytes.Equal(data[12:16], []byte("Go\x00\x00")) {
		return ""
	}
	if uint64(descsz) > uint64(len(data)-16) {
		return ""
	}
	return string(data[16 : 16+descsz])
}
