// Package gittree reads what fupan needs from a git repository with go-git,
// without a git binary.
//
// [Open] is the one way fupan opens a repository: from a folder anywhere in
// its work tree, including a linked worktree (git worktree add) or a
// submodule, whose .git is a file naming the git folder. The [Repo] knows
// the top of the work tree and the folder's path below it, so the callers
// speak of paths relative to the folder they were given.
//
// [Resolve] is the one way fupan reads a revision (--changed-since, --ref):
// a branch, tag, hash or HEAD, optionally with ~N or ^N. Its errors say what
// is wrong and how to mend it: how many commits there are before HEAD, which
// refs an ambiguous name means, the git fetch command for a branch or
// history a CI checkout left out.
//
// [Repo.Changed] lists the review files a change touches ('fupan check
// --changed-since') and [Repo.Tree] gives a commit's tree as an fs.FS
// ('fupan build --ref').
package gittree
