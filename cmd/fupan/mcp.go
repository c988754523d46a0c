package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/fupan/fupan/internal/mcpserver"
	"github.com/fupan/fupan/internal/search"
)

const mcpUsage = `
Serve the reviews to a coding assistant over the Model Context Protocol,
on standard input and output: the assistant starts 'fupan mcp' and talks
to it. Standard output carries the protocol alone; what fupan has to say
goes to standard error.

Tools: search (fupan's query syntax), similar (a pasted traceback or log),
get_review (a review by id: its front matter as data, its body, its page's
url when fupan.yaml sets base_url) and open_actions (by team, overdue
only). Every review is also a resource, fupan://review/ID, its Markdown
source.

The search index under .fupan/ is opened once and brought up to date when
reviews change, as by 'fupan search'.

Register it with an assistant, e.g.:

  {"mcpServers": {"fupan": {"command": "fupan", "args": ["mcp", "--repo", "/path/to/reviews-repo"]}}}`

func runMCP(ctx context.Context, args []string, std stdio) error {
	fs := newFlagSet("mcp", "[--repo DIR]", mcpUsage, std)
	repoDir := fs.String("repo", ".", "the review `repository`")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return fmt.Errorf("unexpected argument %q", rest[0])
	}
	repo, err := openRepo(*repoDir, isSet(fs, "repo"), std.errOut)
	if err != nil {
		return err
	}
	srv, err := mcpserver.New(mcpserver.Config{
		Repo: repo.fsys,
		Dir:  repo.dir, // "" for the examples, which never change
		OpenIndex: func() (*search.Index, error) {
			return repoIndex(ctx, repo, "mcp", std.errOut)
		},
		Log:     std.errOut,
		Version: cmp.Or(thisVersion().Release(), "devel"),
	})
	if err != nil {
		return err
	}
	defer srv.Close()
	t := &mcp.IOTransport{Reader: io.NopCloser(std.in), Writer: nopWriteCloser{std.out}}
	if err := srv.Run(ctx, t); err != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, io.EOF) {
		return failed(err)
	}
	return nil
}

// nopWriteCloser is a writer that the transport may close: standard
// output stays open for the deferred messages of the process.
type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }
