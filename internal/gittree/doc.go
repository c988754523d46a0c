// Package gittree reads what fupan needs from a git repository with go-git,
// without a git binary.
//
// [Open] is the one way fupan opens a repository: from a folder anywhere in
// its work tree, including a linked worktree (git worktree add) or a
// submodule, whose .git is a file naming the git folder. The [Repo] knows
// the top of the work tree and the folder's path below it, so the callers
// speak of paths relative to the folder they were given.
//
// [Resolve] is the one way fupan reads a revision (--changed-since, --ref).
//
// [Repo.Changed] lists the review files a change touches ('fupan check
// --changed-since') and [Repo.Tree] gives a commit's tree as an fs.FS
// ('fupan build --ref').
package gittree
