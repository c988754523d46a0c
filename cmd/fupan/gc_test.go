package main

import "testing"

func TestCollectsLess(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want bool
	}{
		{"search", []string{"search", "ConnectTimeout"}, nil, true},
		{"build", []string{"build"}, nil, false},
		{"a query that names a command", []string{"similar", "search"}, nil, false},
		{"no command", nil, nil, false},
		{"GOGC set", []string{"search", "x"}, map[string]string{"GOGC": "100"}, false},
		{"GOMEMLIMIT set", []string{"search", "x"}, map[string]string{"GOMEMLIMIT": "1GiB"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := collectsLess(tt.args, func(k string) string { return tt.env[k] }); got != tt.want {
				t.Errorf("collectsLess(%q, %v) = %v, want %v", tt.args, tt.env, got, tt.want)
			}
		})
	}
}

func TestLimitsBuildMemory(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want bool
	}{
		{"build", []string{"build", "--out", "site"}, nil, true},
		{"search", []string{"search", "build"}, nil, false},
		{"no command", nil, nil, false},
		{"GOMEMLIMIT set", []string{"build"}, map[string]string{"GOMEMLIMIT": "2GiB"}, false},
		{"GOGC set", []string{"build"}, map[string]string{"GOGC": "50"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := limitsBuildMemory(tt.args, func(k string) string { return tt.env[k] }); got != tt.want {
				t.Errorf("limitsBuildMemory(%q, %v) = %v, want %v", tt.args, tt.env, got, tt.want)
			}
		})
	}
}
