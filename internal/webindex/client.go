package webindex

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
)

// ClientDir is where the search client goes, from the site root. The
// theme's search interface, static/search/ui.js, is copied to the same
// folder and imports the client by relative URL (./search.js).
const ClientDir = "assets/search/"

// client holds the modules of the search client, which read the files
// that Write exports.
//
//go:embed client/*.js
var client embed.FS

// Client returns the search client's files, by path from the site root
// (under ClientDir): the modules of client/, and format.js, made from
// Dir and Version (see formatJS). A site writes them after its theme's
// static files, so that a theme may restyle search, or replace its
// interface, but never replace the code that reads the index.
func Client() map[string][]byte {
	files := map[string][]byte{}
	entries, err := fs.ReadDir(client, "client")
	if err != nil {
		panic(err) // "client" is embedded above
	}
	for _, e := range entries {
		data, err := client.ReadFile("client/" + e.Name())
		if err != nil {
			panic(err)
		}
		files[ClientDir+e.Name()] = data
	}
	files[ClientDir+"format.js"] = formatJS()
	return files
}

// formatJS is the module format.js: the constants of the format that the
// client needs, from here, so that each is written in one place.
func formatJS() []byte {
	dir, err := json.Marshal(Dir)
	if err != nil {
		panic(err) // a string constant
	}
	return fmt.Appendf(nil, `// The format of the search index export, made by fupan's Go package
// internal/webindex (client.go) from its constants: not edited by hand.

// indexDir is the folder of the index, from the site root.
export const indexDir = %s;

// version is the version of its files, "v" in entry.json and meta.
export const version = %d;
`, dir, Version)
}
