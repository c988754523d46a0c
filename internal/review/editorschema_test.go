package review

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/fupan/fupan/reviews"
)

// The schema editors get (SchemaFor) reads a file as it is, empty fields
// and all, as a validator in an editor does: the template of 'fupan new'
// and every example review pass it; a wrong value does not. It is
// draft-07, which every validator reads.
func TestEditorSchema(t *testing.T) {
	doc := SchemaFor(nil)
	if !bytes.Contains(doc, []byte(`"$schema": "http://json-schema.org/draft-07/schema#"`)) {
		t.Error("the schema is not draft-07")
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("editor.json", v); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("editor.json")
	if err != nil {
		t.Fatal(err)
	}
	asWritten := func(t *testing.T, src []byte) any {
		t.Helper()
		clean, bad := cleanSource(src)
		if bad != nil {
			t.Fatal(bad)
		}
		fm, bad := splitFrontMatter(clean)
		if bad != nil {
			t.Fatal(bad)
		}
		var n yaml.Node
		if err := yaml.Unmarshal(fm.YAML, &n); err != nil {
			t.Fatal(err)
		}
		return plain(n.Content[0])
	}
	files := map[string][]byte{}
	for _, lang := range Languages {
		tmpl, err := Template(NewReview{Title: "Checkout latency", Date: "2026-11-20", Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		files["template "+lang] = tmpl
	}
	paths, _ := fs.Glob(reviews.FS(), "reviews/*.md")
	for _, p := range paths {
		files[p], _ = fs.ReadFile(reviews.FS(), p)
	}
	for name, src := range files {
		if err := sch.Validate(asWritten(t, src)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	bad := strings.Replace(string(files["template en"]), "status: draft", "status: drafted", 1)
	if err := sch.Validate(asWritten(t, []byte(bad))); err == nil {
		t.Error("status: drafted passes the editors' schema")
	}
}

// plain is a YAML node as a validator of the file sees it: empty values
// are null, timestamps strings.
func plain(n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = plain(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			l = append(l, plain(c))
		}
		return l
	case yaml.AliasNode:
		return plain(n.Alias)
	}
	return scalar(n)
}
