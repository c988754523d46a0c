package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"path/filepath"

	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/fupan/fupan/internal/history"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/site"
)

// What a build keeps in .fupan/ to do only the work that changed:
//
//	site   the manifest of the last site written (site.Manifest): each
//	       file's size, time and hash, and the key of what it was made of
//	stat   the stat cache every command shares (review.StatCache)
//
// A build whose inputs have the key of the last build, and whose --out
// still holds that site as it was written, builds nothing. Any other
// build renders the site and writes only the files whose content
// changed, hard-linking the others from the site before.

// siteManifestFile is where the manifest of the last site is kept.
func siteManifestFile(repo *repository) string {
	return filepath.Join(repo.dir, stateDir, "site")
}

// buildInputs are what a build's key is made of besides the reviews,
// fupan.yaml and the theme.
type buildInputs struct {
	src      fs.FS
	theme    fs.FS
	commit   *object.Commit // the commit of --ref; nil for the work tree
	flags    []string       // --base-url, --profile, --ref as given
	statFile string         // the stat cache; "" for none
}

// buildKeys are what a build is made from, hashed.
type buildKeys struct {
	// key is all of it: two builds with one key make the same site.
	key string
	// base is all of it but the reviews and what git says of each: the
	// options every page is made with. A build whose base is the last
	// build's renders only the pages of the reviews that changed.
	base string
	// hashes are the content hashes of the review files, by path.
	hashes map[string]string
	// listing is the review files of the source as listed and scanned
	// for the key: the build's Load and search index take them from it
	// (review.Options.Listing, search.Options.Listing), so that each
	// file is stat'ed once, and all three see the same states.
	listing *review.Listing
}

// buildKey returns the hex SHA-256 of everything the site of a build is
// made from: this fupan (review.Program), the flags,
// fupan.yaml, the theme's files, each review file's path and content hash
// (review.Listing.Scan), and what git gives the pages (the commit whose history
// they show, the shallow commits, the forge and the branch); and the
// base, the same without the reviews and the commit.
func buildKey(repo *repository, in buildInputs) (buildKeys, error) {
	h := sha256.New()
	field := func(name string, v any) { fmt.Fprintf(h, "%s\x00%v\x00", name, v) }
	var k buildKeys

	// This fupan: its release version, or its executable's content (a
	// fupan built again from the same source, as go install in CI, is
	// the same: Go builds are reproducible), as the parsed-review cache
	// tells it, so that a build hashes its executable once, if at all.
	program := review.Program()
	if program == "" {
		return k, errors.New("cannot tell this fupan from another: its executable cannot be read")
	}
	field("fupan", program)
	for _, f := range in.flags {
		field("flag", f)
	}

	config, err := fs.ReadFile(in.src, review.ConfigFile)
	if err != nil {
		config = nil // a build without fupan.yaml uses the defaults
	}
	field("config", hashBytes(config))
	if err := hashTree(h, in.theme); err != nil {
		return k, fmt.Errorf("theme: %w", err)
	}

	commit := "none" // the commit whose history the pages show
	if g, err := repo.openGit(); err != nil {
		field("git", "none")
	} else {
		cfg, _ := review.LoadConfig(in.src)
		field("forge", history.ForgeURL(g.Git, cfg.RepoURL))
		if in.commit != nil {
			commit = in.commit.Hash.String()
		} else if head, err := g.Git.Head(); err == nil {
			// The branch is in every page's links; a detached head's
			// commit is its branch.
			if head.Name().IsBranch() {
				field("branch", head.Name().String())
			} else {
				field("branch", head.Hash())
			}
			commit = head.Hash().String()
		}
		shallow, err := g.Git.Storer.Shallow()
		if err != nil {
			return k, err
		}
		for _, c := range shallow {
			field("shallow", c)
		}
	}
	k.base = hex.EncodeToString(h.Sum(nil))

	field("commit", commit)
	cache := &review.StatCache{}
	if in.statFile != "" {
		cache, _ = review.ReadStatCache(in.statFile) // a damaged cache is empty: every file is read
	}
	l, err := review.List(in.src)
	if err != nil {
		return k, err
	}
	states := l.Scan(cache)
	if in.statFile != "" {
		cache.Write(in.statFile) // only saves work next time
	}
	for _, s := range states {
		if s.Hash == "" {
			return k, fmt.Errorf("%s cannot be read", s.Path) // the check says why
		}
		field("review", s.Path+" "+s.Hash)
	}
	k.key = hex.EncodeToString(h.Sum(nil))
	k.hashes = review.Hashes(states)
	k.listing = l
	return k, nil
}

// hashTree writes each file of fsys, its path and content, into h.
func hashTree(h hash.Hash, fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := fsys.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		fmt.Fprintf(h, "file\x00%s\x00", p)
		n, err := io.Copy(h, f)
		fmt.Fprintf(h, "\x00%d\x00", n)
		return err
	})
}

// hashBytes returns the hex SHA-256 of data.
func hashBytes(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// lastSite returns the manifest of the last site built from repo, nil
// when there is none to build from; a damaged one is said on note.
func lastSite(repo *repository, note func(string)) *site.Manifest {
	if repo.embedded {
		return nil
	}
	m, err := site.ReadManifest(siteManifestFile(repo))
	if err != nil {
		note(fmt.Sprintf("%v: writing every file of the site", err))
	}
	return m
}
