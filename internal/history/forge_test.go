package history

import (
	"fmt"
	"log"
	"testing"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/storage/memory"
)

func TestForgeURL(t *testing.T) {
	tests := []struct {
		name       string
		origin     string // "" for no origin remote
		configured string
		want       string
	}{
		{"https", "https://github.com/acme/reviews.git", "", "https://github.com/acme/reviews"},
		{"https without .git", "https://github.com/acme/reviews", "", "https://github.com/acme/reviews"},
		{"https trailing slash", "https://github.com/acme/reviews/", "", "https://github.com/acme/reviews"},
		{"https with credentials", "https://x-access-token:secret@github.com/acme/reviews.git", "", "https://github.com/acme/reviews"},
		{"http with port", "http://git.example.com:8080/acme/reviews.git", "", "http://git.example.com:8080/acme/reviews"},
		{"scp-like ssh", "git@github.com:acme/reviews.git", "", "https://github.com/acme/reviews"},
		{"scp-like ssh without user", "gitlab.example.com:group/sub/reviews.git", "", "https://gitlab.example.com/group/sub/reviews"},
		{"ssh url", "ssh://git@git.example.com/acme/reviews.git", "", "https://git.example.com/acme/reviews"},
		{"ssh url with port", "ssh://git@git.example.com:2222/acme/reviews.git", "", "https://git.example.com/acme/reviews"},
		{"git protocol", "git://github.com/acme/reviews.git", "", "https://github.com/acme/reviews"},
		{"host in capitals", "git@GitHub.com:acme/reviews.git", "", "https://github.com/acme/reviews"},
		{"local path", "/srv/git/reviews.git", "", ""},
		{"relative path", "../reviews", "", ""},
		{"file url", "file:///srv/git/reviews.git", "", ""},
		{"no origin", "", "", ""},
		{"configured wins", "git@github.com:acme/reviews.git", "https://git.example.com/ops/reviews", "https://git.example.com/ops/reviews"},
		{"configured is normalised", "", "git@github.com:acme/postmortems.git", "https://github.com/acme/postmortems"},
		{"configured as given", "", "https://forge.example.com/", "https://forge.example.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			repo, err := git.Init(memory.NewStorage(), nil)
			if err != nil {
				t.Fatal(err)
			}
			if tt.origin != "" {
				if _, err := repo.CreateRemote(&config.RemoteConfig{Name: "origin", URLs: []string{tt.origin}}); err != nil {
					t.Fatal(err)
				}
			}
			if got := ForgeURL(repo, tt.configured); got != tt.want {
				t.Errorf("ForgeURL(origin %q, configured %q) = %q, want %q", tt.origin, tt.configured, got, tt.want)
			}
		})
	}
}

func TestLinks(t *testing.T) {
	const base = "https://github.com/acme/reviews"
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"blob at branch", BlobURL(base, "main", "reviews/2024-05-01-redis.md"), base + "/blob/main/reviews/2024-05-01-redis.md"},
		{"blob at commit", BlobURL(base+"/", "0123abc", "/reviews/a.md"), base + "/blob/0123abc/reviews/a.md"},
		{"blob with slash in branch", BlobURL(base, "release/2024", "reviews/a.md"), base + "/blob/release/2024/reviews/a.md"},
		{"blob escaped", BlobURL(base, "main", "reviews/复盘 #1.md"), base + "/blob/main/reviews/%E5%A4%8D%E7%9B%98%20%231.md"},
		{"blob without forge", BlobURL("", "main", "reviews/a.md"), ""},
		{"blob without ref", BlobURL(base, "", "reviews/a.md"), ""},
		{"history", HistoryURL(base, "main", "reviews/a.md"), base + "/commits/main/reviews/a.md"},
		{"history without forge", HistoryURL("", "main", "reviews/a.md"), ""},
		{"commit", CommitURL(base, "0123abc"), base + "/commit/0123abc"},
		{"commit without hash", CommitURL(base, ""), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

func ExampleForgeURL() {
	repo, err := git.Init(memory.NewStorage(), nil)
	if err != nil {
		log.Fatal(err)
	}
	_, err = repo.CreateRemote(&config.RemoteConfig{Name: "origin", URLs: []string{"git@github.com:acme/reviews.git"}})
	if err != nil {
		log.Fatal(err)
	}

	base := ForgeURL(repo, "")
	fmt.Println(base)
	fmt.Println(BlobURL(base, "main", "reviews/2024-05-01-redis-timeout.md"))
	fmt.Println(HistoryURL(base, "main", "reviews/2024-05-01-redis-timeout.md"))
	// Output:
	// https://github.com/acme/reviews
	// https://github.com/acme/reviews/blob/main/reviews/2024-05-01-redis-timeout.md
	// https://github.com/acme/reviews/commits/main/reviews/2024-05-01-redis-timeout.md
}
