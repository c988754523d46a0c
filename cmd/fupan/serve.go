package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/server"
	"github.com/fupan/fupan/internal/site"
)

const serveUsage = `
Build the site in memory and serve it for a preview. While it runs, a
change to reviews/, fupan.yaml or the --theme folder rebuilds the site and
reloads the open pages; a review with errors shows them over the page, with
FILE:LINE:COL, while the last good site stays served.

It listens on the loopback address unless --addr says otherwise. On a
loopback address it answers only to loopback names (localhost, *.localhost,
127.0.0.0/8, [::1]), so that a web page cannot read the reviews by
rebinding its own name to 127.0.0.1; bound to another address, such as
0.0.0.0, it answers to every name, and to everyone who can reach it. With
no reviews/ folder here and no --repo, it serves the example reviews.`

func runServe(ctx context.Context, args []string, std stdio) error {
	fs := newFlagSet("serve", "[--repo DIR] [--addr HOST:PORT] [--theme DIR]", serveUsage, std)
	repoDir := fs.String("repo", ".", "the review `repository`")
	addr := fs.String("addr", "127.0.0.1:8080", "the `address` to listen on")
	themeDir := fs.String("theme", "", "a `folder` whose files replace the default theme's")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return fmt.Errorf("unexpected argument %q", rest[0])
	}
	repo, err := openRepo(*repoDir, isSet(fs, "repo"), std.errOut)
	if err != nil {
		return err
	}
	th, err := openTheme(*themeDir)
	if err != nil {
		return fmt.Errorf("--theme: %w", err)
	}
	cfg, bad := review.LoadConfig(repo.fsys)
	// The pages show the errors too, once built; said here at once, since
	// until they are mended the site is made with the defaults.
	for _, f := range bad {
		writeFinding(std.errOut, f, colorFor(std.errOut))
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return listenError(*addr, err)
	}
	opt := site.Options{Theme: th, BaseURL: "http://" + ln.Addr().String() + "/"}
	gitInfo(repo, nil, "", cfg, &opt, std.errOut)
	srv, err := server.New(server.Config{Repo: repo.fsys, Site: opt, Log: std.errOut,
		Search: func(reviews []*review.Review) (map[string][]byte, error) {
			files, _, err := siteSearch(ctx, repo, repo.fsys, true, reviews, "serve", std.errOut)
			return files, err
		}})
	if err != nil {
		ln.Close()
		return err
	}
	// The search index is exported in the background, into the
	// repository's .fupan/: never leave one half written.
	defer srv.WaitSearch()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if !repo.embedded {
		dirs := []string{filepath.Join(repo.dir, review.Dir)}
		if *themeDir != "" {
			if abs, err := filepath.Abs(*themeDir); err == nil {
				dirs = append(dirs, abs)
			}
		}
		go func() {
			if err := srv.Watch(ctx, dirs, []string{filepath.Join(repo.dir, review.ConfigFile)}); err != nil {
				linef(std.errOut, "fupan serve: watch: %v", err)
			}
		}()
	}
	hs := srv.HTTPServer(ln.Addr())
	go func() {
		<-ctx.Done()
		shut, done := context.WithTimeout(context.Background(), 2*time.Second)
		defer done()
		hs.Shutdown(shut)
	}()
	fmt.Fprintf(std.out, "serving on http://%s/ (Ctrl-C to stop)\n", ln.Addr())
	if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// listenError says why fupan cannot listen on addr, and, when another
// program has the port, which --addr to pass instead.
func listenError(addr string, err error) error {
	if !errors.Is(err, syscall.EADDRINUSE) {
		return err
	}
	host, port, splitErr := net.SplitHostPort(addr)
	next := "127.0.0.1:8081"
	if n, convErr := strconv.Atoi(port); splitErr == nil && convErr == nil && n > 0 && n < 65535 {
		next = net.JoinHostPort(host, strconv.Itoa(n+1))
	}
	return fmt.Errorf("%s is in use by another program (perhaps another fupan serve): pass another address, such as --addr %s", addr, next)
}
