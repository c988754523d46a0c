package highlight

import (
	"math"
	"sync"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/styles"
)

// minContrast is the contrast every token keeps with its background:
// WCAG AA for text.
const minContrast = 4.5

// readableStyles are the light and dark styles with every colour that
// lacks minContrast against its background moved toward black (on a light
// background) or white (on a dark one) until it has it. Made once: the
// formatter caches the CSS of a style by its pointer.
var readableStyles = sync.OnceValues(func() (light, dark *chroma.Style) {
	return readable(styles.Get(LightStyle)), readable(styles.Get(DarkStyle))
})

// readable returns style with its token colours made readable.
func readable(style *chroma.Style) *chroma.Style {
	b := style.Builder()
	pageBg := style.Get(chroma.Background).Background
	for _, tt := range style.Types() {
		if tt == chroma.Background || tt == chroma.PreWrapper {
			continue
		}
		e := style.Get(tt)
		bg := e.Background
		if !bg.IsSet() {
			bg = pageBg
		}
		if !e.Colour.IsSet() || !bg.IsSet() || contrast(e.Colour, bg) >= minContrast {
			continue
		}
		step := 0.05
		if luminance(bg) < 0.5 {
			step = -step // a dark background: lighten
		}
		c := e.Colour
		for i := 0; i < 40 && contrast(c, bg) < minContrast; i++ {
			c = c.Brighten(-step)
		}
		e.Colour = c
		b.AddEntry(tt, e)
	}
	s, err := b.Build()
	if err != nil {
		return style // only a style that chroma itself built
	}
	return s
}

// luminance is the relative luminance of c (WCAG 2).
func luminance(c chroma.Colour) float64 {
	ch := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(c.Red()) + 0.7152*ch(c.Green()) + 0.0722*ch(c.Blue())
}

// contrast is the contrast ratio of two colours, 1 to 21.
func contrast(a, b chroma.Colour) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}
