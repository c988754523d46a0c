package gen

import "strings"

// Small helpers that derive names from other names.

// typeOf returns an exception line's type: the text before the first ": ".
func typeOf(line string) string {
	if i := strings.Index(line, ": "); i >= 0 {
		return line[:i]
	}
	return line
}

// short returns the last dotted component of a type name.
func short(t string) string { return t[strings.LastIndex(t, ".")+1:] }

// hostModule turns "api.partner-logistics.com" into "partner_logistics" and
// "payments.internal" into "payments", a Python module name for its client.
func hostModule(host string) string {
	parts := strings.Split(host, ".")
	name := parts[0]
	if name == "api" && len(parts) > 1 {
		name = parts[1]
	}
	return strings.ReplaceAll(name, "-", "_")
}

// upperHost turns a host into a settings prefix: "risk-api.internal" is
// "RISK_API".
func upperHost(host string) string { return strings.ToUpper(hostModule(host)) }
