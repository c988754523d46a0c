package mcpserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/fupan/fupan/internal/review"
)

// Resources: every review is fupan://review/ID, its Markdown source.
const (
	uriPrefix    = "fupan://review/"
	uriTemplate  = uriPrefix + "{id}"
	markdownType = "text/markdown"
)

// ReviewURI is the URI of the review id as a resource.
func ReviewURI(id string) string { return uriPrefix + id }

// addResources adds the resource template, and a middleware that brings
// the list of resources up to date before the SDK answers resources/list.
func (s *Server) addResources(m *mcp.Server) {
	m.AddResourceTemplate(&mcp.ResourceTemplate{
		URITemplate: uriTemplate,
		Name:        "review",
		Title:       "Incident review",
		Description: "A review's Markdown source: YAML front matter (title, date, severity, services, summary, window, traceback, failure, config, versions, actions…), then the body.",
		MIMEType:    markdownType,
	}, s.readResource)
	m.AddReceivingMiddleware(func(next mcp.MethodHandler) mcp.MethodHandler {
		return func(ctx context.Context, method string, req mcp.Request) (mcp.Result, error) {
			if method == "resources/list" {
				if err := s.listResources(ctx, m); err != nil {
					fmt.Fprintf(s.cfg.Log, "fupan mcp: list the reviews: %v\n", err)
				}
			}
			return next(ctx, method, req)
		}
	})
}

// listResources registers a resource for every review in the index and
// removes those of reviews no longer there, when reviews changed since
// the last time.
func (s *Server) listResources(ctx context.Context, m *mcp.Server) error {
	ix, done, err := s.index()
	if err != nil {
		return err
	}
	s.syncMu.Lock()
	gen := s.gen
	s.syncMu.Unlock()
	s.resMu.Lock()
	defer s.resMu.Unlock()
	if s.resGen == gen {
		done()
		return nil
	}
	list, err := ix.List(ctx)
	done()
	if err != nil {
		return err
	}
	want := make(map[string]*mcp.Resource, len(list))
	for _, l := range list {
		uri := ReviewURI(l.ID)
		want[uri] = &mcp.Resource{
			URI:         uri,
			Name:        l.ID,
			Title:       l.Title,
			Description: strings.TrimSpace(l.Date + " " + l.Severity),
			MIMEType:    markdownType,
		}
	}
	var gone []string
	for uri := range s.listed {
		if want[uri] == nil {
			gone = append(gone, uri)
		}
	}
	if len(gone) > 0 {
		m.RemoveResources(gone...)
	}
	for uri, r := range want {
		if old := s.listed[uri]; old == nil || old.Title != r.Title || old.Description != r.Description {
			m.AddResource(r, s.readResource)
		}
	}
	s.listed, s.resGen = want, gen
	return nil
}

// readResource reads a review's Markdown source from disk.
func (s *Server) readResource(_ context.Context, req *mcp.ReadResourceRequest) (*mcp.ReadResourceResult, error) {
	uri := req.Params.URI
	id, ok := strings.CutPrefix(uri, uriPrefix)
	if !ok || id == "" || strings.ContainsAny(id, "/\\") {
		return nil, mcp.ResourceNotFoundError(uri)
	}
	p, err := review.Lookup(s.cfg.Repo, id)
	if err != nil {
		if _, ok := errors.AsType[*review.UnknownIDError](err); ok {
			return nil, mcp.ResourceNotFoundError(uri)
		}
		return nil, err
	}
	f, err := s.cfg.Repo.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, review.MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > review.MaxFileSize {
		return nil, fmt.Errorf("%s is larger than the %d bytes a review may be", p, review.MaxFileSize)
	}
	return &mcp.ReadResourceResult{Contents: []*mcp.ResourceContents{{URI: uri, MIMEType: markdownType, Text: string(data)}}}, nil
}
