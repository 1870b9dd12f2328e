"""The regular expressions of English quantitative statements.

They run on the normalised copy of a text (:func:`~innoscope.text.en_text.normalise`:
one space for every run of spaces, PDF line breaks and hyphenation removed),
whose offsets map back to the original.
"""

from __future__ import annotations

import re

ONES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}  # fmt: skip
FRACTIONS = {
    "half": 50.0, "a half": 50.0, "one-half": 50.0, "a third": 100 / 3, "one-third": 100 / 3, "one third": 100 / 3,
    "two-thirds": 200 / 3, "two thirds": 200 / 3, "a quarter": 25.0, "one-quarter": 25.0, "one quarter": 25.0,
    "three-quarters": 75.0, "three quarters": 75.0, "a fifth": 20.0, "one-fifth": 20.0,
}  # fmt: skip
SCALE = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3,
    "tn": 1e12, "mln": 1e6, "bln": 1e9,
}  # fmt: skip
CURRENCY = {
    "$": "USD", "us$": "USD", "usd": "USD", "us dollars": "USD", "dollars": "USD", "dollar": "USD",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "£": "GBP", "gbp": "GBP", "pounds": "GBP", "pound": "GBP", "pounds sterling": "GBP",
    "¥": "CNY", "rmb": "CNY", "cny": "CNY", "yuan": "CNY", "renminbi": "CNY",
    "jpy": "JPY", "yen": "JPY", "chf": "CHF", "swiss francs": "CHF", "sek": "SEK", "dkk": "DKK", "nok": "NOK",
    "pln": "PLN", "czk": "CZK", "huf": "HUF", "krw": "KRW", "won": "KRW", "inr": "INR", "rupees": "INR",
    "cad": "CAD", "aud": "AUD", "a$": "AUD", "c$": "CAD", "hk$": "HKD", "hkd": "HKD", "s$": "SGD", "sgd": "SGD",
}  # fmt: skip
BOUNDS = {
    "about": "approx", "around": "approx", "approximately": "approx", "approx.": "approx", "roughly": "approx",
    "nearly": "approx", "almost": "approx", "close to": "approx", "some": "approx", "an estimated": "approx",
    "just under": "under", "just below": "under", "just over": "over", "just above": "over",
    "over": "over", "more than": "over", "above": "over", "exceeding": "over", "in excess of": "over",
    "upwards of": "over", "at least": "over", "well over": "over", "well above": "over",
    "under": "under", "less than": "under", "below": "under", "fewer than": "under", "up to": "under",
    "at most": "under", "no more than": "under",
}  # fmt: skip

_alt = "|".join
BOUND_ALT = _alt(sorted(map(re.escape, BOUNDS), key=len, reverse=True))
_SPELLED = (
    rf"(?:{_alt(TENS)})(?:-(?:{_alt(k for k in ONES if ONES[k] < 10)}))?|{_alt(sorted(ONES, key=len, reverse=True))}"
)
_FRACTION_ALT = _alt(sorted(map(re.escape, FRACTIONS), key=len, reverse=True))
CUR_BEFORE = (
    r"US\$|A\$|C\$|HK\$|S\$|\$|€|£|¥|(?:EUR|USD|GBP|CHF|JPY|CNY|RMB|SEK|DKK|NOK|PLN|CZK|HUF|KRW|INR|CAD|AUD|HKD|SGD)"
)
CUR_AFTER = (
    r"US dollars|dollars?|euros?|pounds sterling|pounds?|yuan|renminbi|yen|Swiss francs|won|rupees|"
    r"EUR|USD|GBP|CHF|JPY|CNY|RMB|SEK|DKK|NOK|PLN|CZK|HUF|KRW|INR|CAD|AUD|HKD|SGD"
)
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MON3 = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"

# A quantity: bound word, sign, currency, numeral, scale word, unit.
QUANTITY = re.compile(
    rf"(?<![\w.])(?<!\w-)(?P<sign>[+\-−](?=[\d$€£¥]|US\$))?"
    rf"(?:(?P<cur>{CUR_BEFORE})\s?)?"
    rf"(?:(?P<num>{DIGITS})(?![\d])|(?P<frac>{_FRACTION_ALT})\b|(?P<word>{_SPELLED})\b)"
    rf"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|mln|bln|tn|m|k)\b)?"
    rf"(?:\s?(?P<pp>%\s?-?\s?points?|% pts?\b|percentage[- ]points?|pp\b|p\.p\.|ppt\b)"
    rf"|\s?(?P<pct>%|percent\b|per cent\b)"
    rf"|\s(?P<points>points?)\b"
    rf"|\s?(?P<cur2>{CUR_AFTER})\b)?",
    re.IGNORECASE,
)
# The bound word before a quantity (looked up in the few characters before it: faster than an optional
# prefix of QUANTITY, which would make the engine try the bound words at every position).
BOUND_TAIL = re.compile(rf"(?P<bound>{BOUND_ALT})\s$", re.IGNORECASE)
# Something a fact needs: a digit or a word for a number, an ordinal, a multiple or a top place.
ANCHOR = re.compile(
    rf"\d|\b(?:{_alt(ONES)}|{_alt(TENS)}|{_alt(ORDINALS)}|half|thirds?|quarters?|fifths?|double|doubled|twice|triple|"
    rf"tripled|treble|trebled|quadruple|quadrupled|halved|top)\b",
    re.IGNORECASE,
)
# The rank of a quantity spelled as an ordinal, or "No. 2".
ORDINAL = re.compile(
    rf"\b(?:(?P<digits>\d+)(?:st|nd|rd|th)|(?P<word>{_alt(ORDINALS)}))\b|\b(?:No\.|number)\s?(?P<no>\d+)\b"
    r"|\b(?P<top>top|first)\s(?:place|spot|position)\b",
    re.IGNORECASE,
)
RANK_BEFORE = re.compile(
    r"(?:\b(?:rank(?:s|ed|ing)?|placed|placing|came|comes|coming|finished|finishes|stood|stands|remains|remained|"
    r"maintained|maintains|retained|keeps|kept|held|holds|moved (?:up|down) to|rose to|climbed to|fell to|dropped to|"
    r"up to|down to|is|was|are|were|be|as|in|at|its|the|a)\s(?:(?:the|a|its)\s)?$)",
    re.IGNORECASE,
)
RANK_AFTER = re.compile(
    r"^(?:\s(?:place|position|spot|rank)\b|\s(?:overall|globally|worldwide|in the world|in Europe|in the EU|"
    r"in the ranking|of \d+|out of \d+|among\b|of all\b)|\s(?:highest|largest|lowest|best|strongest|most|biggest|"
    r"smallest|fastest|overall|ranked|-ranked)\b|-ranked\b|\s?-?\s?highest\b|(?=[.,;)]|$))",
    re.IGNORECASE,
)
NOT_RANK_AFTER = re.compile(
    r"^\s(?:time|times|year|years|edition|anniversary|half|quarter|day|week|month|round|phase|stage|wave|"
    r"century|generation|consecutive|straight|successive|annual|ever|step|chapter|section|part|pillar|of (?:all|"
    r"the) (?!\d))",
    re.IGNORECASE,
)
RANK_SCOPE = re.compile(
    r"^\s?(?:(?:place|position|spot|rank|overall|ranked|-ranked|highest|largest|lowest|best|strongest|biggest)\s?)*"
    r"(?:(?:out )?of (?P<of>\d+)\b(?:\s(?:on|in|for) (?P<on>[^,.;()]{1,50}?)(?=[,.;()]|\s(?:and|with|while|"
    r"as)\b|$))?|(?P<scope>worldwide|globally|in the world|in Europe|in the EU|in Asia|"
    r"(?:among|of all|of the|in the|in) (?!\d)[^,.;()]{1,60}?)(?=[,.;()]|\s(?:as|with|while|for|after|ahead|"
    r"behind|this|last|since|by|from|to|in 20\d\d)\b|$))?",
    re.IGNORECASE,
)
STREAK = re.compile(
    r"^[^.;]{0,40}?\bfor the (?:(?P<n>\d+)(?:st|nd|rd|th)|(?P<w>\w+)) (?:consecutive|straight|successive) years?\b"
    r"|^[^.;]{0,40}?\bfor (?P<n2>\d+|\w+) (?:consecutive|straight|successive) years\b",
    re.IGNORECASE,
)
# Changes: a verb (rose 5%), a noun (an increase of 5%), a comparison (5% higher than).
UP = (
    r"rose|rises|rise|risen|rising|increased|increases|increase|increasing|grew|grows|grow|grown|growing|climbed|"
    r"climbs|jumped|jumps|gained|gains|went up|goes up|was up|were up|is up|are up|up|improved|improves|expanded|"
    r"expands|advanced|surged|soared|picked up|moved up|edged up"
)
DOWN = (
    r"fell|falls|fall|fallen|falling|declined|declines|decline|declining|decreased|decreases|decrease|decreasing|"
    r"dropped|drops|drop|went down|was down|were down|is down|are down|down|shrank|shrinks|contracted|contracts|"
    r"slipped|slips|slid|eased|moved down|edged down|dipped|plunged|plummeted"
)
CHANGE_VERB = re.compile(
    rf"\b(?P<dir>{UP}|{DOWN})\b(?:\s(?:by|of))?\s?(?=(?:(?:{BOUND_ALT})\s)?[+\-−]?(?:{CUR_BEFORE})?\s?(?:\d|\.\d|"
    rf"(?:{_SPELLED})\b))",
    re.IGNORECASE,
)
CHANGE_NOUN = re.compile(
    rf"\b(?:an?|the|its|their|this|that)?\s?(?:(?:\w+|constant-dollar|year-on-year|year-over-year|annual|real)\s)?"
    rf"(?P<noun>increase|increases|rise|rises|growth|gain|gains|improvement|jump|surge|expansion|"
    rf"decrease|decreases|decline|declines|drop|fall|reduction|cut|contraction|loss)"
    rf"(?:\s(?:in|for) (?P<what>[^,;()]{{1,60}}?))?\s(?:of|"
    rf"by)\s(?=(?:(?:{BOUND_ALT})\s)?[+\-−]?(?:{CUR_BEFORE})?\s?\d)",
    re.IGNORECASE,
)
NOUN_DOWN = ("decrease", "decreases", "decline", "declines", "drop", "fall", "reduction", "cut", "contraction", "loss")
# After a quantity: a comparison that makes it a difference.
COMPARE_AFTER = re.compile(
    r"^\s?(?:\((?P<paren>[^()]{1,30})\)\s?)?(?P<word>higher|lower|more|less|fewer|greater|larger|bigger|smaller|"
    r"above|below|"
    r"up|down|over|under|ahead of|behind)(?:\s(?P<than>than|on|from|compared (?:to|with)))?\b",
    re.IGNORECASE,
)
TEMPORAL_AGAINST = re.compile(
    r"^(?:it was|they were|in (?:19|20)\d\d|(?:19|20)\d\d|before|a year (?:ago|earlier|before)|last year|"
    r"the previous year|"
    r"the (?:same|previous|prior) (?:period|year|quarter)|the (?:FY)?\S*\s?(?:level|figure|total|estimate)|"
    r"(?:the )?FY)",
    re.IGNORECASE,
)
YOY = re.compile(
    r"^\s?(?:year[- ]on[- ]year|year[- ]over[- ]year|yoy|y-o-y|on the previous year|on a year earlier|"
    r"from a year (?:earlier|ago|before)|over the previous year|compared (?:to|with) the previous year|"
    r"(?:on|from|over|compared (?:to|with)) (?:the same period|last year|the previous year))\b",
    re.IGNORECASE,
)
TIMES = re.compile(
    rf"\b(?:(?P<q>{BOUND_ALT})\s)?(?P<w>doubled|tripled|trebled|quadrupled|double|triple|treble|quadruple|twice|"
    rf"halved)\b"
    rf"|\b(?P<n>\d+(?:\.\d+)?|{_SPELLED})(?:\s|-)(?:fold|times)\b",
    re.IGNORECASE,
)
TIMES_WORDS = {"doubled": 2, "double": 2, "twice": 2, "tripled": 3, "triple": 3, "trebled": 3, "treble": 3,
               "quadrupled": 4, "quadruple": 4, "halved": 0.5}  # fmt: skip
PLACES = re.compile(
    rf"\b(?:(?P<dir>up|down|rose|fell|climbed|dropped|moved up|moved down|jumped|slipped|gained|lost|improved)\s)?"
    rf"(?P<n>\d+|{_SPELLED})(?:\s|-)(?P<unit>places?|positions?|spots?|ranks?)(?:\s(?P<dir2>up|down|higher|lower))?"
    rf"(?:\s(?:move|jump|climb|rise|drop|fall)(?:\s(?P<dir3>up|down))?)?",
    re.IGNORECASE,
)
SINCE = re.compile(
    r"^\s?,?\s?(?:since|from|compared (?:to|with)|relative to|against|over|above|below|on) (?:the )?(?:end of )?"
    r"(?P<p>(?:FY\s?)?(?:19|20)\d\d(?:/\d\d)?)\b",
    re.IGNORECASE,
)
SINCE_LEVEL = re.compile(
    r"^\s?(?:above|below|over|under|from|compared (?:to|with)|relative to) the (?P<p>FY\s?(?:19|20)\d\d|(?:19|"
    r"20)\d\d)\b",
    re.IGNORECASE,
)
# Shares: a verb of proportion before the percentage, an "of the whole" after it.
SHARE_BEFORE = re.compile(
    r"(?:\baccount(?:s|ed|ing)? for|\brepresent(?:s|ed|ing)?|\bmak(?:e|es|ing) up|\bmade up|\bcompris(?:e|es|ed|ing)|"
    r"\bconstitut(?:e|es|ed|ing)|\ba share of|\bshare (?:was|is|of)|\bor|\breceiv(?:e|es|ed|ing)|\bheld|\bholds?|\bhad|"
    rf"\bcaptur(?:e|es|ed|ing))\s(?:(?:{BOUND_ALT})\s)?$",
    re.IGNORECASE,
)
SHARE_OF = re.compile(
    r"^\s?of (?P<of>(?:the |all |total |its |their |global |world |national |EU |OECD )?[^,;.()]{1,60}?)"
    r"(?=[,;.()]|\s(?:in|and|with|while|for|by|from|compared|to|respectively|than)\b|$)",
    re.IGNORECASE,
)
# "of GDP", "of the EU average": a ratio to a reference, a level rather than a share.
RATIO_OF = re.compile(
    r"^\s?of (?:the )?(?:(?:country's |its |their |national |EU |OECD )?(?:GDP|GNI|GNP|gross domestic product|"
    r"national income|turnover|the (?:EU|OECD|world|global|national) average|(?:EU|OECD|world|global|national) average|"
    r"average|the average|the median|the level))",
    re.IGNORECASE,
)
# Periods.
PERIOD = re.compile(
    rf"\b(?:between|from) (?:FY\s?)?(?:19|20)\d\d (?:and|to) (?:FY\s?)?(?:19|20)\d\d\b"
    rf"|\b(?P<fy>FY\s?(?:19|20)?\d\d)\b"
    rf"|\b(?:the )?(?P<part>first|second|third|fourth|final|last) (?:half|quarter) of (?P<y1>(?:19|20)\d\d)\b"
    rf"|\bQ[1-4] (?P<y2>(?:19|20)\d\d)\b"
    rf"|\b(?:(?:{MONTHS})[-–](?:{MONTHS})|the first \w+ months of) (?P<y3>(?:19|20)\d\d)\b"
    rf"|\b(?:(?:19|20)\d\d[-–/](?:(?:19|20)?\d\d))\b"
    rf"|(?<![\w$€£.,])(?P<year>(?:19|20)\d\d)(?![\w%]|\.\d|,\d)"
    rf"|\b(?P<rel>this year|last year|the previous year|the past year|the year|next year)\b",
    re.IGNORECASE,
)
DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)? (?:{MONTHS}|{_MON3})\.?(?:,? (?:19|20)\d\d)?|(?:{MONTHS}|"
    rf"{_MON3})\.? \d{{1,2}}(?:st|nd|rd|th)?"
    rf"(?:,? (?:19|20)\d\d)?|(?:{MONTHS}) (?:19|20)\d\d|\d{{1,2}}/\d{{1,2}}/(?:19|20)?\d\d|(?:19|20)\d\d-\d\d-\d\d)\b",
)
# Numbers that are not quantities: names, ages, ranges, durations, list markers, thresholds.
NOT_AFTER = re.compile(
    r"^(?:-(?:year|month|week|day|hour|minute)s?\b|\s(?:year|month|week|day|hour|minute)s?[- ](?:old|period|"
    r"plan|programme|program|"
    r"horizon|term|strategy|window|span|average|cycle|framework|agenda)\b|[-–]\d|\s?(?:to|and|-|"
    r"–)\s?\d+\s?(?:year|years)[- ]olds?\b|"
    r"\s(?:year|years)[- ]olds?\b|\s?%?\s?threshold\b|\s(?:mark|barrier|milestone)\b)",
)
NAME_BEFORE = re.compile(
    r"(?:\b(?:EU|EA|OECD|G|BRICS|COVID|Horizon|Figure|Fig\.|Table|Chart|Box|Annex|Section|Chapter|Article|Art\.|"
    r"page|p\.|pp\.|Level|Tier|Phase|Stage|Pillar|Goal|SDG|Industry|Web|H|R|P\.L\.|No\.\s?\d+/|version|v)[- ]?|"
    r"\b(?:aged|ages|age)\s|\btop\s|\bthe top\s|\bTop\s|\ball\s|\bthe\s(?=\d+\s(?:Member States|member states|"
    r"EU countries|countries of the)))$",
)
DEFINITION_BEFORE = re.compile(
    rf"[A-Za-z][\w-]*(?:\s[A-Za-z][\w-]*){{0,3}}\s\((?:(?:performance|score|scores|index|value|share)\s(?:is|of|at)\s)?"
    rf"(?:{BOUND_ALT}|between)\s$",
    re.IGNORECASE,
)
BETWEEN = re.compile(rf"\bbetween\s(?:(?:{BOUND_ALT})\s)?$", re.IGNORECASE)
RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)
