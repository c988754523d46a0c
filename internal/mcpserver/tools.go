package mcpserver

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/search"
)

// Limits of the tools' arguments.
const (
	DefaultLimit = 10   // hits of search and similar when limit is not given
	MaxLimit     = 50   // the most hits search and similar return
	MaxActions   = 1000 // the most actions open_actions returns
	MaxLogBytes  = 1 << 20
)

// addTools adds the tools to m. Each handler is typed: the SDK infers the
// schemas of its input and output from the structs below.
func (s *Server) addTools(m *mcp.Server) {
	mcp.AddTool(m, &mcp.Tool{
		Name:  "search",
		Title: "Search incident reviews",
		Description: `Search the incident reviews, best first. Reviews that hold every word come first; among them, those that raised what a word names (it is in their exceptions) before those that only mention it. ` +
			`Syntax: plain words (code identifiers are words: requests.exceptions.ConnectTimeout, settings.CACHE_TIMEOUT, redis-py==4.6.0; the last word also matches as a prefix), "a phrase", and filters: service:NAME severity:SEV1 status:final exception:KeyError tag:redis since:2025-01 until:2025-12-31. ` +
			`At most 1,000 bytes and 64 terms.`,
		Annotations: readOnly,
	}, safe(s.cfg.Log, s.search))
	mcp.AddTool(m, &mcp.Tool{
		Name:  "similar",
		Title: "Find prior incidents like a traceback",
		Description: `Find prior incidents like a traceback (Python, Java or Go), pasted alone or inside a log (lines before it are skipped). ` +
			`The reviews that raised one of its exceptions come first; each hit says what it shares with the traceback: exception types, frame functions and files, words of the final message.`,
		Annotations: readOnly,
	}, safe(s.cfg.Log, s.similar))
	mcp.AddTool(m, &mcp.Tool{
		Name:  "get_review",
		Title: "Read one incident review",
		Description: `Return one review by its id (its file name without .md, as search and similar return it): every front matter field as structured data ` +
			`(the shape of the site's reviews.json), the Markdown body, and the page's url when the site's base_url is set.`,
		Annotations: readOnly,
	}, safe(s.cfg.Log, s.getReview))
	mcp.AddTool(m, &mcp.Tool{
		Name:  "open_actions",
		Title: "List open action items",
		Description: `List the action items still open, the earliest due first (those without a due date last), each with its review. ` +
			`Optionally only one team's, or only those past their due date.`,
		Annotations: readOnly,
	}, safe(s.cfg.Log, s.openActions))
	// seen_before (has this traceback been reviewed before: yes or no,
	// and where) comes with a later issue; it is not built yet.
}

// readOnly says that a tool changes nothing and looks only at the
// repository.
var readOnly = &mcp.ToolAnnotations{ReadOnlyHint: true, OpenWorldHint: new(false)}

// safe turns a panic of a handler into a tool error, and says it on log,
// so that no review and no argument can crash the server.
func safe[In, Out any](log io.Writer, h mcp.ToolHandlerFor[In, Out]) mcp.ToolHandlerFor[In, Out] {
	return func(ctx context.Context, req *mcp.CallToolRequest, in In) (res *mcp.CallToolResult, out Out, err error) {
		defer func() {
			if p := recover(); p != nil {
				fmt.Fprintf(log, "fupan mcp: %s: panic: %v\n%s", req.Params.Name, p, debug.Stack())
				var zero Out
				res, out, err = nil, zero, fmt.Errorf("internal error: %v (fupan mcp logged it on standard error)", p)
			}
		}()
		return h(ctx, req, in)
	}
}

// SearchInput is the input of search.
type SearchInput struct {
	Query string `json:"query" jsonschema:"the query, in fupan's syntax: words, \"a phrase\", filters such as service:order-api severity:SEV1 exception:ConnectTimeout since:2025-01"`
	Limit *int   `json:"limit,omitempty" jsonschema:"the most hits to return, 1 to 50; 10 when not given"`
}

// SearchOutput is the output of search and similar.
type SearchOutput struct {
	Hits []Hit `json:"hits" jsonschema:"the reviews found, best first"`
}

// A Hit is a review found.
type Hit struct {
	ID        string     `json:"id" jsonschema:"the review's id, its file name without .md: get_review takes it"`
	Title     string     `json:"title"`
	Date      string     `json:"date" jsonschema:"the day the incident began, YYYY-MM-DD"`
	Severity  string     `json:"severity"`
	Path      string     `json:"path" jsonschema:"the review file, from the repository root"`
	URL       string     `json:"url,omitempty" jsonschema:"the review's page, when the site's base_url is set"`
	Score     float64    `json:"score" jsonschema:"the relevance (BM25); only the order matters"`
	AllWords  bool       `json:"all_words" jsonschema:"it matched every word and phrase of the query"`
	Raised    bool       `json:"raised" jsonschema:"it raised what the query names: a word matched its exceptions"`
	Fragments []Fragment `json:"fragments" jsonschema:"pieces of the fields that matched, the most important field first"`
	Reasons   []string   `json:"reasons,omitempty" jsonschema:"for similar: what it shares with the traceback"`
}

// A Fragment is a piece of a field's text around the matches.
type Fragment struct {
	Field      string   `json:"field" jsonschema:"the field: exceptions, title, function, traceback, summary, body…"`
	Text       string   `json:"text"`
	Highlights [][2]int `json:"highlights" jsonschema:"the matched spans, as byte offsets [start, end) into text"`
}

func (s *Server) search(ctx context.Context, _ *mcp.CallToolRequest, in SearchInput) (*mcp.CallToolResult, SearchOutput, error) {
	limit, err := checkLimit(in.Limit, DefaultLimit, MaxLimit)
	if err != nil {
		return nil, SearchOutput{}, err
	}
	// Checked before the index is touched: what is wrong with the query
	// is the caller's to mend.
	if _, err := search.Parse(in.Query); err != nil {
		return nil, SearchOutput{}, err
	}
	ix, done, err := s.index()
	if err != nil {
		return nil, SearchOutput{}, err
	}
	defer done()
	hits, err := ix.Search(ctx, in.Query, limit)
	if err != nil {
		return nil, SearchOutput{}, err
	}
	return nil, SearchOutput{Hits: s.hits(hits)}, nil
}

// hits converts the hits of package search.
func (s *Server) hits(hits []search.Hit) []Hit {
	base := s.config().BaseURL
	out := make([]Hit, len(hits))
	for i, h := range hits {
		out[i] = Hit{
			ID: h.ID, Title: h.Title, Date: h.Date, Severity: h.Severity, Path: h.Path,
			URL: review.PageURL(base, h.ID), Score: h.Score, AllWords: h.AllWords, Raised: h.Raised,
			Fragments: make([]Fragment, len(h.Fragments)), Reasons: h.Reasons,
		}
		for j, f := range h.Fragments {
			hl := f.Highlights
			if hl == nil {
				hl = [][2]int{}
			}
			out[i].Fragments[j] = Fragment{Field: f.Field, Text: f.Text, Highlights: hl}
		}
	}
	return out
}

// checkLimit returns the limit asked for, def when none is.
func checkLimit(n *int, def, most int) (int, error) {
	switch {
	case n == nil:
		return def, nil
	case *n < 1 || *n > most:
		return 0, fmt.Errorf("limit %d is out of range: give 1 to %d, or leave it out for %d", *n, most, def)
	}
	return *n, nil
}

// SimilarInput is the input of similar.
type SimilarInput struct {
	Log   string `json:"log" jsonschema:"a traceback (Python, Java or Go), or a log that holds one: the lines before it are skipped; at most 1 MiB"`
	Limit *int   `json:"limit,omitempty" jsonschema:"the most hits to return, 1 to 50; 10 when not given"`
}

// SimilarOutput is the output of similar.
type SimilarOutput struct {
	Language   string   `json:"language" jsonschema:"the traceback's language: python, java or go"`
	Exception  string   `json:"exception" jsonschema:"its final exception, as the review format names it"`
	Exceptions []string `json:"exceptions" jsonschema:"every exception type of its chain, in the order printed"`
	Hits       []Hit    `json:"hits" jsonschema:"prior incidents, those that raised one of its exceptions first, each with the reasons"`
}

func (s *Server) similar(ctx context.Context, _ *mcp.CallToolRequest, in SimilarInput) (*mcp.CallToolResult, SimilarOutput, error) {
	limit, err := checkLimit(in.Limit, DefaultLimit, MaxLimit)
	if err != nil {
		return nil, SimilarOutput{}, err
	}
	if len(in.Log) > MaxLogBytes {
		return nil, SimilarOutput{}, fmt.Errorf("log is %d bytes; the limit is %d (1 MiB): paste the traceback with a few lines around it", len(in.Log), MaxLogBytes)
	}
	if strings.TrimSpace(in.Log) == "" {
		return nil, SimilarOutput{}, errors.New("log is empty: paste a traceback (Python, Java or Go), or a log that holds one")
	}
	tb, err := search.ParseLog(in.Log)
	if err != nil {
		return nil, SimilarOutput{}, err
	}
	ix, done, err := s.index()
	if err != nil {
		return nil, SimilarOutput{}, err
	}
	defer done()
	hits, err := ix.Similar(ctx, tb, limit)
	if err != nil {
		return nil, SimilarOutput{}, err
	}
	out := SimilarOutput{Language: string(tb.Language), Exception: tb.Final().Type, Exceptions: []string{}, Hits: s.hits(hits)}
	for _, e := range tb.Chain {
		out.Exceptions = append(out.Exceptions, e.Type)
	}
	return nil, out, nil
}

// GetReviewInput is the input of get_review.
type GetReviewInput struct {
	ID string `json:"id" jsonschema:"the review's id: its file name without .md, e.g. 2025-03-18-profile-cache-redis-timeout"`
}

func (s *Server) getReview(_ context.Context, _ *mcp.CallToolRequest, in GetReviewInput) (*mcp.CallToolResult, review.Full, error) {
	if strings.TrimSpace(in.ID) == "" {
		return nil, review.Full{}, errors.New("id is empty: give a review's id, its file name without .md, as search returns it")
	}
	cfg := s.config()
	r, _, err := review.ReadID(s.cfg.Repo, in.ID, &cfg, s.cfg.Now())
	if err != nil {
		return nil, review.Full{}, err
	}
	return nil, r.Full(review.PageURL(cfg.BaseURL, r.ID)), nil
}

// OpenActionsInput is the input of open_actions.
type OpenActionsInput struct {
	Team    string `json:"team,omitempty" jsonschema:"only the actions this team owns, as the reviews name it (e.g. team-orders)"`
	Overdue bool   `json:"overdue,omitempty" jsonschema:"only the actions past their due date"`
	Limit   *int   `json:"limit,omitempty" jsonschema:"the most actions to return, 1 to 1000; 100 when not given"`
}

// OpenActionsOutput is the output of open_actions.
type OpenActionsOutput struct {
	Total   int      `json:"total" jsonschema:"the number of open actions that match, before the limit"`
	Actions []Action `json:"actions" jsonschema:"the earliest due first, those without a due date last"`
}

// An Action is an open action item and its review.
type Action struct {
	review.PublicAction
	Overdue     bool   `json:"overdue" jsonschema:"it is past its due date"`
	ReviewID    string `json:"review_id" jsonschema:"the id of the review it comes from"`
	ReviewTitle string `json:"review_title"`
	ReviewURL   string `json:"review_url,omitempty" jsonschema:"the review's page, when the site's base_url is set"`
}

func (s *Server) openActions(_ context.Context, _ *mcp.CallToolRequest, in OpenActionsInput) (*mcp.CallToolResult, OpenActionsOutput, error) {
	limit, err := checkLimit(in.Limit, 100, MaxActions)
	if err != nil {
		return nil, OpenActionsOutput{}, err
	}
	repo, err := s.reviews()
	if err != nil {
		return nil, OpenActionsOutput{}, err
	}
	team := strings.TrimSpace(in.Team)
	if team != "" {
		if err := knownTeam(team, repo); err != nil {
			return nil, OpenActionsOutput{}, err
		}
	}
	reviews := slices.Clone(repo.Reviews)
	slices.SortFunc(reviews, review.NewestFirst)
	now := s.cfg.Now()
	base := s.config().BaseURL
	out := OpenActionsOutput{Actions: []Action{}}
	for _, r := range reviews {
		for _, a := range r.Actions {
			if a.Status != "open" || (team != "" && !strings.EqualFold(a.Owner, team)) {
				continue
			}
			overdue := a.Overdue(now)
			if in.Overdue && !overdue {
				continue
			}
			out.Actions = append(out.Actions, Action{PublicAction: review.PublicAction(a), Overdue: overdue,
				ReviewID: r.ID, ReviewTitle: r.Title, ReviewURL: review.PageURL(base, r.ID)})
		}
	}
	// As the site's actions page: the earliest due first, none last.
	slices.SortStableFunc(out.Actions, func(a, b Action) int {
		if (a.Due == "") != (b.Due == "") {
			if a.Due == "" {
				return 1
			}
			return -1
		}
		return cmp.Compare(a.Due, b.Due)
	})
	out.Total = len(out.Actions)
	out.Actions = out.Actions[:min(limit, len(out.Actions))]
	return nil, out, nil
}

// knownTeam says what is wrong with a team that owns no action and is not
// in fupan.yaml's teams.
func knownTeam(team string, repo *review.Repo) error {
	teams := slices.Clone(repo.Config.Teams)
	for _, r := range repo.Reviews {
		for _, a := range r.Actions {
			teams = append(teams, a.Owner)
		}
	}
	teams = slices.DeleteFunc(teams, func(t string) bool { return t == "" })
	slices.Sort(teams)
	teams = slices.Compact(teams)
	for _, t := range teams {
		if strings.EqualFold(t, team) {
			return nil
		}
	}
	if t := review.Suggest(team, teams); t != "" {
		return fmt.Errorf("no action is owned by team %q: did you mean %q?", team, t)
	}
	if len(teams) == 0 {
		return fmt.Errorf("no action is owned by team %q: no review has actions yet", team)
	}
	if len(teams) > 20 {
		teams = append(teams[:20], "…")
	}
	return fmt.Errorf("no action is owned by team %q: the teams are %s", team, strings.Join(teams, ", "))
}
