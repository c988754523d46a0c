// Package gittree reads what fupan needs from a git repository with go-git,
// without a git binary: which review files a change touches
// (Changed, for 'fupan check --changed-since'), and a commit's tree as an
// fs.FS (for 'fupan build --ref').
package gittree
