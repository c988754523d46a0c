// Package recurrence ties an incident to the earlier ones whose failure
// it repeats ("seen before") and to the later ones that repeat it ("seen
// again"). It is computed here once and used by 'fupan check' (a
// recurrence finding on each changed review), 'fupan similar --review',
// 'fupan actions' and the site.
//
// # Signature
//
// A review's failure signature ([Of]) is what it says about how it failed,
// normalised so that the same failure written two ways compares equal:
//
//   - exceptions: failure.exceptions and every type of the parsed
//     traceback's chain, each by its class name, lower-cased:
//     requests.exceptions.ReadTimeout and ReadTimeout are one; a Go panic
//     value is kept whole, its spaces collapsed;
//   - final: the final exception of the traceback, else the first of
//     failure.exceptions, normalised the same way;
//   - dependency: the host of failure.dependency, lower-cased, without
//     scheme, user, port, path, database or query:
//     redis://prod-cache:6379/0 and prod-cache:6380 are one;
//   - function: the last name of failure.function without its
//     parentheses: cache.get_user_profile() and get_user_profile are one;
//   - frames: the last names of the traceback's frame functions, less
//     generic ones (<module>, main, run, __call__, …);
//   - services.
//
// # Matching
//
// Two reviews match when the weights of what they share reach [Threshold]:
//
//	same exception (the final one of either)   3; 2 when the exception is common
//	same dependency host                       2
//	same failing function                      3
//	similar traceback (2+ shared frames)       2
//	same service                               1
//
// An exception is common when at least 4 reviews, and at least 1 in 25 of
// all, raised it (TimeoutError, KeyError in a large repository). So a
// shared service or a common exception alone is never a match, nor is a
// rare exception alone or a dependency alone; the same exception against
// the same dependency is, and so is the same exception in the same
// function. Matches are ranked by weight, then the nearest in time first.
// Each says its reasons in the order of the table.
//
// "Seen before" lists the matching reviews of an earlier date (or the same
// date and a smaller id); "seen again" the later ones.
//
// # Index
//
// An [Index] computes a review's matches on first use and keeps them.
// [Carry] makes the index of a repository after a change from the index
// before it, keeping the matches that the change cannot have altered (as
// 'fupan serve' rebuilds after an edit); it answers every question as
// [New] does.
package recurrence
