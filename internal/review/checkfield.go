package review

import (
	"errors"

	"go.yaml.in/yaml/v3"
)

// Checks of a single value, for a command that writes a review ('fupan
// new') and must refuse what check would refuse, with check's reason.

// CheckTitle says what check would say of title as the title of a review,
// or returns nil, so that 'fupan new' refuses what check would refuse.
func CheckTitle(title string) error { return CheckField("title", title) }

// CheckDate says what check would say of date as the date of a review
// ("that day does not exist"), or returns nil.
func CheckDate(date string) error { return CheckField("date", date) }

// CheckField says what check would say of the string value of a top-level
// field, or returns nil: its first error, found as check finds it (the
// schema, the rules and the secret scan, with any secret masked), on a
// review that holds that field alone.
func CheckField(field, value string) error {
	data, err := yaml.Marshal(map[string]string{field: value})
	if err != nil {
		return err
	}
	src := append(append([]byte("---\n"), data...), "---\n"...)
	_, _, findings := parseFile(Dir+"/x.md", src, &Config{})
	for _, f := range findings {
		if f.Field == field && f.Severity == Error {
			return errors.New(f.Message)
		}
	}
	return nil
}
