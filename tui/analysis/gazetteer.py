"""A little world knowledge: the common name of countries and international bodies for their
official names and widely used abbreviations, and the titles that precede a person's name.

Only general facts belong here, never an alias that fits one corpus: anything else is learnt from
the articles themselves (acronyms they define) or given by the user in `aliases.yaml`.
"""

from __future__ import annotations

# common name: other names and abbreviations of the same entity
ALIASES: dict[str, tuple[str, ...]] = {
    "United States": ("United States of America", "US", "U.S.", "USA", "U.S.A.", "America", "the States"),
    "United Kingdom": ("UK", "U.K.", "Great Britain", "Britain", "United Kingdom of Great Britain and Northern Ireland"),
    "North Korea": ("Democratic People's Republic of Korea", "DPRK", "D.P.R.K.", "NK", "N. Korea"),
    "South Korea": ("Republic of Korea", "ROK", "R.O.K.", "S. Korea"),
    "China": ("People's Republic of China", "PRC", "Mainland China"),
    "Taiwan": ("Republic of China", "ROC"),
    "Russia": ("Russian Federation",),
    "Iran": ("Islamic Republic of Iran",),
    "Syria": ("Syrian Arab Republic",),
    "Vietnam": ("Socialist Republic of Vietnam", "Viet Nam"),
    "Laos": ("Lao People's Democratic Republic", "Lao PDR"),
    "Germany": ("Federal Republic of Germany", "FRG"),
    "France": ("French Republic",),
    "Netherlands": ("Kingdom of the Netherlands", "Holland"),
    "Czech Republic": ("Czechia",),
    "Myanmar": ("Burma", "Republic of the Union of Myanmar"),
    "Democratic Republic of the Congo": ("DRC", "DR Congo", "Congo-Kinshasa"),
    "Republic of the Congo": ("Congo-Brazzaville",),
    "Ivory Coast": ("Côte d'Ivoire", "Cote d'Ivoire"),
    "United Arab Emirates": ("UAE", "U.A.E."),
    "Saudi Arabia": ("Kingdom of Saudi Arabia", "KSA"),
    "Mexico": ("United Mexican States",),
    "India": ("Republic of India",),
    "Japan": ("State of Japan",),
    "Philippines": ("Republic of the Philippines",),
    "Indonesia": ("Republic of Indonesia",),
    "Turkey": ("Türkiye", "Turkiye", "Republic of Turkey"),
    "Ukraine": (),
    "European Union": ("EU", "E.U."),
    "United Nations": ("UN", "U.N."),
    "United Nations Security Council": ("UN Security Council", "U.N. Security Council", "UNSC", "Security Council"),
    "North Atlantic Treaty Organization": ("NATO", "North Atlantic Treaty Organisation"),
    "World Health Organization": ("WHO",),
    "International Monetary Fund": ("IMF",),
    "World Trade Organization": ("WTO",),
    "International Atomic Energy Agency": ("IAEA",),
    "Federal Bureau of Investigation": ("FBI", "F.B.I."),
    "Central Intelligence Agency": ("CIA", "C.I.A."),
    "National Aeronautics and Space Administration": ("NASA",),
    "Association of Southeast Asian Nations": ("ASEAN",),
    "Organization of the Petroleum Exporting Countries": ("OPEC",),
    "Group of Seven": ("G7", "G-7"),
    "Group of Twenty": ("G20", "G-20"),
}

# The international bodies above (the rest are countries)
ORGANISATIONS = frozenset({
    "European Union", "United Nations", "United Nations Security Council", "North Atlantic Treaty Organization",
    "World Health Organization", "International Monetary Fund", "World Trade Organization",
    "International Atomic Energy Agency", "Federal Bureau of Investigation", "Central Intelligence Agency",
    "National Aeronautics and Space Administration", "Association of Southeast Asian Nations",
    "Organization of the Petroleum Exporting Countries", "Group of Seven", "Group of Twenty",
})

# Head words of organisation names: "Yonhap News Agency" is not the place "Yonhap" glued to a
# person "News Agency".
ORG_WORDS = frozenset("""
agency news press times post herald journal daily tribune television tv radio network channel
organization organisation treaty alliance union association federation league council committee commission
ministry department office bureau service services agency authority administration court parliament assembly
party group company co corp corporation inc ltd llc plc bank fund trust foundation institute institution
university college school academy hospital center centre clinic church club team force forces army navy
police guard command corps division unit squad station airport airlines airways railway
survey observatory laboratory lab centers centres museum library archive council board panel senate congress
""".split())

# Words that come before a name and are not part of it ("President Obama", "Coroner Jane Doe").
TITLES = frozenset("""
mr mrs ms miss dr prof sir dame lord lady madam madame
president vice prime minister premier chancellor secretary general gen lt col maj capt sgt cpl pvt adm
cmdr commander officer detective det sheriff deputy chief inspector constable trooper agent
senator sen representative rep congressman congresswoman governor gov mayor councilman councilwoman
judge justice attorney prosecutor lawyer coroner clerk ambassador envoy spokesman spokeswoman spokesperson
king queen prince princess emperor empress pope cardinal bishop archbishop rev reverend father pastor rabbi imam
coach quarterback kicker pitcher striker goalkeeper captain manager director chairman chairwoman ceo founder
actor actress singer rapper star host anchor correspondent reporter editor
comedian comedienne comic entertainer filmmaker moviemaker producer screenwriter writer author novelist
playwright poet musician guitarist drummer dancer model designer chef artist photographer
boxer wrestler golfer cyclist swimmer skater gymnast jockey sprinter runner player forward defender
linebacker receiver cornerback safety tackle guard outfielder qb rb wr fullback halfback tailback midfielder
winger batsman bowler shortstop catcher infielder challenger contender champion champ titleholder southpaw
rookie
activist economist analyst scientist researcher professor doctor dr surgeon nurse dean principal teacher
businessman businesswoman tycoon billionaire entrepreneur investor
first lady foreign defense defence finance interior opposition leader former late
""".split())

# Words that begin a surname of two words or more ("Van Rompuy", "de Blasio", "bin Salman").
PARTICLES = frozenset("van von de der den da di du del della la le al el bin ibn ben abu st".split())

# Name endings that do not tell people apart ("Comeaux Jr" and "Comeaux" are one person).
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "esq"})

# Common English first names and their usual short forms.
NICKNAMES = tuple(frozenset(g.split()) for g in """
william bill billy will willie
robert bob bobby rob robbie
richard rick dick rich ricky
james jim jimmy jamie
john jack johnny
joseph joe joey
michael mike mikey
thomas tom tommy
charles charlie chuck
edward ed eddie ted ned
anthony tony
daniel dan danny
david dave davy
steven stephen steve
christopher chris kit
nicholas nick nicky
alexander alex sandy
benjamin ben benny
samuel sam sammy
andrew andy drew
matthew matt
patrick pat paddy
peter pete
timothy tim timmy
gregory greg
jeffrey geoffrey jeff
lawrence laurence larry
ronald ron ronnie
donald don donnie
kenneth ken kenny
maurice mo
frederick fred freddie
katherine kathryn catherine kate katie kathy cathy kat
elizabeth liz beth betty lizzie eliza
margaret maggie meg peggy
jennifer jen jenny
rebecca becky
susan sue susie
deborah debbie deb
patricia pat patty trish
victoria vicky tori
""".strip().splitlines())
