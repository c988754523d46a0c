// Package history tells, for every review file, what git says about it:
// when it was first committed, when it was last changed, and who
// contributed.
//
// # What is computed
//
// [Load] walks the commits reachable from HEAD (or [Options.Commit]) once and
// returns a [History]: for every file under [Options.Prefix] (default
// "reviews/") that exists at that commit, a [File] with
//
//   - First: the earliest change to the path (author time; on a tie, the
//     change processed first),
//   - Last: the latest change to the path (author time; on a tie, the change
//     processed last),
//   - Commits: the number of commits that changed the path,
//   - Contributors: the distinct authors (name and email, as written in the
//     commits; no .mailmap) ordered by the number of their commits that
//     changed the path, most first, then by name and email.
//
// A path's history is continuous: a review that is deleted and later added
// again at the same path keeps its first-committed date, and the deleting
// commit counts as a change (as in "git log -- path").
//
// # How the walk stays fast
//
// The commits are processed in topological order (parents before children;
// among commits whose parents are all done, the oldest committer time first,
// then the hash), so the result is deterministic. For each commit only the
// tree under the prefix is compared with the parent's, and the comparison
// descends into a subtree only where its tree hash differs; a commit that
// leaves the prefix untouched costs one lookup of a few tree entries.
//
// # Merges
//
// A merge commit changes a path only if the path's blob (hash and mode)
// differs from the blob in every parent, as git's default history
// simplification does: a merge that takes one side's version of a file is
// not a change of that file, the commit on that side is. A merge that
// resolves a conflict, or combines both sides into new content, is.
//
// # Renames
//
// Exact renames are detected within each commit: when one path disappears
// and another appears with the same blob hash, the new path takes over the
// old path's history (first-committed date, contributors, commit count) and
// the renaming commit counts as a change of it. When several paths share a
// blob, the disappearing and appearing paths are paired in path order. A
// rename with edits in the same commit is not detected: the new path starts
// its own history there.
//
// # Shallow clones
//
// The commits listed in the repository's shallow file are treated as having
// no parents, as git does. Their trees then count as added in full, so
// first-committed dates and contributors are wrong; [History.Shallow] is set
// and [History.Warnings] holds [ErrShallow], whose text names the fix.
//
// # The cache
//
// With [Options.CacheDir] set (the product uses ".fupan"), the result is
// kept in CacheDir/history.json and the next Load walks only the commits that
// are not yet in it. See cache.go for the format. The cache is rebuilt from
// scratch when it cannot be read, is of another version or prefix, was built
// with another shallow boundary, or when its head is not an ancestor of the
// new head (a force-push). A cache that cannot be read or written is a
// warning, never an error.
//
// # Forge links
//
// [ForgeURL] gives the web address of the repository on its forge, from the
// configured repo_url or the origin remote; [BlobURL], [HistoryURL] and
// [CommitURL] build GitHub-style links from it.
package history
