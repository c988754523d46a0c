// Package tracker checks action items against the issues they link to.
//
// An action's link to a GitHub issue, https://github.com/OWNER/REPO/issues/N,
// is read through the GitHub REST API (google/go-github, with a token: no
// token, no check). A status that differs from the state is a
// warning at the action's line: open while the issue is closed, done or
// wontfix while it is still open. A link to an issue that does not exist
// (or that the token cannot see) is a warning too. Rate limits, network
// and authentication failures are problems reported in a line each and
// never fail a build; after a rate limit no further issue is asked for.
// Links to other trackers are shown, not checked.
package tracker
