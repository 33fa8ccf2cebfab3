package storage

import (
	"math"
	"math/rand/v2"
	"sort"
	"time"
)

// A synthetic national population for the matching benchmark, with name
// frequencies shaped like the Netherlands' (issue 11): no downloads, all
// generated here, deterministic for a seed.
//
// Family names: 62 stems (common Dutch surnames and some of Turkish,
// Moroccan and Surinamese origin) × 12 endings × 7 tussenvoegsels ("",
// "de", "van", "van der", …) give 5,208 distinct names. Given names: 96
// stems × 9 endings × (single or one of 8 second names) give 7,776. Each
// list is shuffled with the seed and drawn from a Zipf-like distribution,
// weight 1/rank^s, with s chosen so that the most common name is about
// 0.5 % of persons, as "de Jong" is in the Netherlands, with a long tail
// of rare names. Birth dates are uniform over the 90 years before 2026.
var (
	familyStems = []string{"Jong", "Jansen", "Vries", "Berg", "Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer", "Boer",
		"Mulder", "Groot", "Bos", "Vos", "Peters", "Hendriks", "Leeuwen", "Dekker", "Brouwer", "Wit", "Dijkstra", "Smits", "Graaf",
		"Linden", "Kok", "Jacobs", "Haan", "Vermeulen", "Heuvel", "Veen", "Broek", "Bruijn", "Bruin", "Heijden", "Schouten", "Beek",
		"Willems", "Vliet", "Ven", "Hoekstra", "Maas", "Verhoeven", "Koster", "Prins", "Blom", "Huisman", "Peeters", "Kuiper",
		"Wal", "Postma", "Hoek", "Kramer", "Yilmaz", "Kaya", "Demir", "Amrani", "Bouzid", "Ramdin", "Haddou", "Benali", "Aydin"}
	familyEndings = []string{"", "s", "man", "sma", "stra", "ink", "huis", "veld", "kamp", "horst", "ing", "ema"}
	tussenvoeg    = []string{"", "de ", "van ", "van der ", "van den ", "ter ", "van de "}
	givenStems    = []string{"Noah", "Emma", "Sem", "Julia", "Liam", "Mila", "Lucas", "Tess", "Daan", "Sophie", "Finn", "Zoë",
		"Levi", "Sara", "Milan", "Nora", "Adam", "Yara", "Mohammed", "Fatima", "Ayoub", "Lina", "Bram", "Evi", "Luuk", "Anna",
		"Jan", "Maria", "Pieter", "Johanna", "Kees", "Cornelia", "Henk", "Wilhelmina", "Gerrit", "Hendrika", "Willem", "Geertruida",
		"Dirk", "Elisabeth", "Klaas", "Petronella", "Jeroen", "Marieke", "Sander", "Linda", "Thomas", "Lisa", "Ruben", "Fleur",
		"Jesse", "Sanne", "Tim", "Iris", "Lars", "Lotte", "Stijn", "Femke", "Niels", "Anouk", "Bas", "Esther", "Mehmet", "Ayse",
		"Youssef", "Khadija", "Rachid", "Samira", "Omar", "Nadia", "Ravi", "Priya", "Kevin", "Shanti", "Jayden", "Naomi", "Dylan",
		"Chantal", "Mustafa", "Zeynep", "Hamza", "Imane", "Bilal", "Amira", "Joost", "Ingrid", "Arjen", "Wendy", "Frank", "Monique",
		"Erik", "Sandra", "Marco", "Petra", "René", "Ilse"}
	givenEndings = []string{"", "a", "je", "ie", "o", "y", "tje", "ke", "ina"}
	secondNames  = []string{"", " Maria", " Johannes", " Willem", " Anne", " Jan", " Sophie", " Hendrik"}
)

// zipfNames is a shuffled name list with cumulative Zipf weights.
type zipfNames struct {
	names []string
	cum   []float64
}

func newZipfNames(names []string, top float64, r *rand.Rand) zipfNames {
	r.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	s := zipfExponent(len(names), top)
	z := zipfNames{names: names, cum: make([]float64, len(names))}
	sum := 0.0
	for i := range names {
		sum += 1 / math.Pow(float64(i+1), s)
		z.cum[i] = sum
	}
	for i := range z.cum {
		z.cum[i] /= sum
	}
	return z
}

// zipfExponent finds s such that rank 1 has share top among n names.
func zipfExponent(n int, top float64) float64 {
	lo, hi := 0.0, 3.0
	for range 50 {
		s := (lo + hi) / 2
		sum := 0.0
		for i := 1; i <= n; i++ {
			sum += 1 / math.Pow(float64(i), s)
		}
		if 1/sum > top {
			hi = s
		} else {
			lo = s
		}
	}
	return (lo + hi) / 2
}

func (z zipfNames) draw(r *rand.Rand) string {
	return z.names[sort.SearchFloat64s(z.cum, r.Float64())]
}

// dutchPopulation draws persons with Dutch name frequencies.
type dutchPopulation struct {
	family, given zipfNames
	r             *rand.Rand
}

func newDutchPopulation(seed uint64) *dutchPopulation {
	r := rand.New(rand.NewPCG(seed, seed^0xd07c4))
	var fam []string
	for _, t := range tussenvoeg {
		for _, s := range familyStems {
			for _, e := range familyEndings {
				fam = append(fam, t+s+e)
			}
		}
	}
	var giv []string
	for _, s := range givenStems {
		for _, e := range givenEndings {
			for _, second := range secondNames {
				giv = append(giv, s+e+second)
			}
		}
	}
	return &dutchPopulation{family: newZipfNames(fam, 0.005, r), given: newZipfNames(giv, 0.005, r), r: r}
}

// person draws one person: names and a birth date 0–90 years before 2026.
func (d *dutchPopulation) person() (given, family string, birth time.Time) {
	start := time.Date(1936, 1, 1, 0, 0, 0, 0, time.UTC)
	return d.given.draw(d.r), d.family.draw(d.r), start.AddDate(0, 0, d.r.IntN(90*365))
}
