package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/fupan/fupan/reviews"
)

// Similar puts the incidents that raised the pasted traceback's exception
// first, whatever else the others share with it.
func TestSimilar(t *testing.T) {
	ix, err := Open(t.Context(), reviews.FS(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, tc := range []struct {
		name, text string
		first      string // the id of the first hit
		reason     string // its first reason
	}{
		{
			name:   "a Python ReadTimeout after a log line",
			text:   "14:03:11 ERROR request failed\nTraceback (most recent call last):\n  File \"/app/billing/charge.py\", line 88, in charge_invoice\n    resp = session.post(url, json=payload, timeout=(3, 10))\n  File \"/usr/lib/python3.11/site-packages/requests/sessions.py\", line 637, in post\n    return self.request(\"POST\", url, data=data, json=json, **kwargs)\nrequests.exceptions.ReadTimeout: HTTPSConnectionPool(host='pay.example.com', port=443): Read timed out. (read timeout=10)\n",
			first:  "2026-08-18-invoice-charge-readtimeout-not-retried",
			reason: "exception requests.exceptions.ReadTimeout",
		},
		{
			name:   "a Go nil map panic",
			text:   "panic: assignment to entry in nil map\n\ngoroutine 12 [running]:\nmain.(*Store).Put(0x0, {0x6b2a40, 0x3})\n\t/app/store.go:41 +0x65\n",
			first:  "2026-09-02-auth-session-nil-map-panic",
			reason: "exception assignment to entry in nil map",
		},
		{
			name:   "a Java read timeout",
			text:   "java.net.SocketTimeoutException: Read timed out\n\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)\n\tat com.acme.erp.StockClient.query(StockClient.java:77)\n",
			first:  "2026-07-08-erp-stock-query-read-timeout",
			reason: "exception java.net.SocketTimeoutException",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tb, err := ParseLog(tc.text)
			if err != nil {
				t.Fatal(err)
			}
			hits, err := ix.Similar(context.Background(), tb, 5)
			if err != nil {
				t.Fatal(err)
			}
			if len(hits) == 0 {
				t.Fatal("no hits")
			}
			if got := hits[0].ID; got != tc.first {
				t.Errorf("first hit %s, want %s", got, tc.first)
			}
			if len(hits[0].Reasons) == 0 || hits[0].Reasons[0] != tc.reason {
				t.Errorf("first hit's reasons %q, want %q first", hits[0].Reasons, tc.reason)
			}
			if !hits[0].Raised {
				t.Errorf("first hit not marked raised")
			}
		})
	}
	if _, err := ParseLog("the payment gateway was slow\nand nothing was logged\n"); err == nil || !strings.Contains(err.Error(), "traceback") {
		t.Errorf("ParseLog of prose: err = %v, want one about no traceback", err)
	}
}

// Of a chain of thousands of exceptions, as a pasted log can hold, Similar
// looks for the final exception and the nine printed nearest it.
func TestFeaturesLongChain(t *testing.T) {
	var py, java strings.Builder
	java.WriteString("com.acme.E0: top\n\tat com.acme.C.m(C.java:1)\n")
	for i := range 5000 {
		fmt.Fprintf(&py, "acme.E%d: x\n\nDuring handling of the above exception, another exception occurred:\n\n", i)
		fmt.Fprintf(&java, "Caused by: com.acme.E%d: cause\n", i+1)
	}
	py.WriteString("acme.Final: last\n")
	for _, tc := range []struct {
		name, text, final, farthest string
	}{
		{"python", py.String(), "acme.Final", "acme.E4991"},
		{"java", java.String(), "com.acme.E0", "com.acme.E9"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tb, err := ParseLog(tc.text)
			if err != nil {
				t.Fatal(err)
			}
			var types []string
			for _, f := range features(tb) {
				if f.kind == "exception" {
					types = append(types, f.text)
				}
			}
			if len(types) != maxChain || types[0] != tc.final && types[len(types)-1] != tc.final || !slices.Contains(types, tc.farthest) {
				t.Errorf("exceptions looked for: %q; want %d, %s and %s among them", types, maxChain, tc.final, tc.farthest)
			}
		})
	}
}

// An exception that is prose, a Go panic value of a hundred thousand
// words, is looked for by the phrase of its first words.
func TestSimilarLongPanicValue(t *testing.T) {
	ix, err := Open(context.Background(), reviews.FS(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	value := "assignment to entry in nil map" + strings.Repeat(" and more", 100000)
	tb, err := ParseLog("panic: " + value + "\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:9 +0x1d\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range features(tb) {
		if u := f.unit(); len(u.terms) > maxPhraseTerms {
			t.Errorf("%s: %d terms, want %d at most", f.kind, len(u.terms), maxPhraseTerms)
		}
	}
	if _, err := ix.Similar(context.Background(), tb, 5); err != nil {
		t.Error(err)
	}
}

// TestSimilarNothingLikeIt: a traceback that shares no exception, frame
// function or file with any review, and only common words of its
// message, has no hit; every hit that remains shares something real and
// gives its strongest three reasons at most.
func TestSimilarNothingLikeIt(t *testing.T) {
	ix, err := Open(t.Context(), reviews.FS(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, tc := range []struct {
		name, text string
		none       bool
	}{
		{"python, stop words only", "Traceback (most recent call last):\n  File \"/srv/zoo/feeder.py\", line 12, in feed_penguins\n    bucket.fill(fish)\nzoo.errors.PenguinOverfedError: the value on line 4 is not valid for this object\n", true},
		{"java, unknown frames", "com.zoo.LlamaSpitException: value was null for the line\n\tat com.zoo.Pen.open(Pen.java:3)\n", true},
		{"go panic of its own", "panic: llama count went negative\n\ngoroutine 1 [running]:\nzoo.(*Pen).Count(0x0)\n\t/zoo/pen.go:9 +0x1\n", true},
		{"shares a file and a function", "Traceback (most recent call last):\n  File \"/app/cache.py\", line 42, in get_user_profile\n    raw = client.get(k)\nzoo.Error: x\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tb, err := ParseLog(tc.text)
			if err != nil {
				t.Fatal(err)
			}
			hits, err := ix.Similar(context.Background(), tb, 20)
			if err != nil {
				t.Fatal(err)
			}
			if tc.none && len(hits) != 0 {
				t.Fatalf("%d hits, want none; first %s %q", len(hits), hits[0].ID, hits[0].Reasons)
			}
			if !tc.none && len(hits) == 0 {
				t.Fatal("no hit")
			}
			for _, h := range hits {
				if len(h.Reasons) == 0 || len(h.Reasons) > maxReasons {
					t.Errorf("%s: reasons %q", h.ID, h.Reasons)
				}
			}
		})
	}
}
