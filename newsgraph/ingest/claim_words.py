"""The word lists the claim extractors read the parse by.

Verbs, nouns and prepositions that mark a kind of act, argument or clause ("allow",
"licence", "such as"), the dependency labels of clauses and arguments, and the relation
sets the steps check ("relations a product may be the subject of"): those of
claim_syntax.py and claims.py, then those of the regulation patterns
(claim_regulation.py) and of the claims nouns state (claim_patterns.py). Plain data:
the code that reads the parse with them is in those modules.
"""

REPORTING = {"says", "estimates", "projects", "warns", "denies"}
HEDGES = {"could", "may", "might", "would"}
# Light verbs whose subject undergoes the event: "won approval from Beijing", "secured
# orders from Nvidia". The event's actor is the "from" or "by" party.
RECEIVING = {"win", "secure", "receive", "get", "obtain", "seek", "request", "await", "face"}
# Verbs that ask for an act rather than report it: "pressed the department to block sales".
URGING = {"press", "urge", "push", "ask", "pressure", "lobby", "encourage", "call", "petition"}
# Verbs that order an act rather than report it: "told Samsung not to ship the HBM3E".
DIRECTING = {"tell", "order", "instruct", "direct", "require"}
# Verbs that end an act: "was forced to stop selling the H20" sells no H20 any more.
CEASING = {"stop", "halt", "cease", "suspend", "quit", "discontinue", "pause"}
# Verbs that permit an act rather than report it: "would allow Nvidia to resume sales".
PERMITTING = {"allow", "let", "permit", "enable", "authorize", "authorise"}
# Verbs that act on an event rather than perform it: "reduce reliance on X" is no
# dependence, "a move expected to hit ASML's sales" no sale of the mover's, "would delay
# the launch of its H20" no launch.
AFFECTING = {
    "reduce",
    "cut",
    "lower",
    "lessen",
    "decrease",
    "end",
    "shrink",
    "trim",
    "drop",
    "hit",
    "hurt",
    "affect",
    "offset",
    "dent",
    "weigh",
    "boost",
    "lift",
    "drive",
    "fuel",
    "slow",
    "damage",
    "threaten",
    "disrupt",
    "complicate",
    "jeopardize",
    "undermine",
    "spur",
    "dampen",
    "delay",
    "postpone",
    "cancel",
    "shelve",
    "pause",
}
# Light verbs whose subject receives a delivery: "took delivery of the chips" buys them.
TAKING = {"take", "receive", "get", "accept", "await"}
# Verbs after which "from doing" means not doing: "barred Nvidia from selling".
PREVENTING = {"bar", "ban", "block", "prevent", "prohibit", "stop", "restrict", "forbid", "exclude", "keep"}
# "said the reports were inaccurate": a statement that denies its subject.
DENIALS = {"inaccurate", "untrue", "false", "baseless", "groundless", "unfounded", "incorrect", "misleading"}
# "warned of", "warned investors about": what a warning is about.
WARNING_PREPS = {"about", "of", "against", "over", "that"}
# Nouns of others' figures a result or forecast is measured against, and verbs of doing so.
YARDSTICKS = {"estimate", "expectation", "consensus", "forecast", "projection"}
BEATING = {"beat", "exceed", "top", "miss", "surpass", "trail"}
MATCHING = {"match", "equal", "mirror"}
# Subordinators of clauses that ask or suppose rather than state.
UNASSERTED_MARKS = {"whether", "if", "unless"}
HEDGING_VERBS = {"expect", "plan", "aim", "seek", "hope", "intend", "likely"}
# Nouns after which "according to" names the kind of source rather than the source.
SOURCE_NOUNS = {
    "estimate",
    "data",
    "figure",
    "calculation",
    "forecast",
    "research",
    "analysis",
    "report",
    "document",
}
GENERIC_SOURCES = {
    "analyst",
    "official",
    "people",
    "person",
    "source",
    "executive",
    "expert",
    "investor",
    "lawmaker",
    "regulator",
    "observer",
    "insider",
    "trader",
    "economist",
    "authority",
}
# Words that stand for an organization already named: resolved to the latest one.
ORG_ANAPHORS = {"it", "company", "firm", "group", "chipmaker", "maker", "designer", "giant"}
GOVERNMENT_ANAPHORS = {
    "ministry",
    "department",
    "agency",
    "bureau",
    "regulator",
    "government",
    "administration",
}
PERSON_ANAPHORS = {"he", "she"}
# The last word of a national government's name: "the U.S. government", "the Dutch authorities".
NATIONAL_GOVERNMENTS = {"government", "authorities", "administration"}
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "xcomp"}
SUBJECT_DEPS = {"nsubj", "csubj"}
OBJECT_DEPS = {"dobj", "attr", "oprd", "dative", "acomp"}
# A clause's own arguments, as against words in its prepositional phrases.
CORE_DEPS = {"nsubj", "nsubjpass", "dobj", "appos", "attr"}
NUMERIC_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "QUANTITY"}
CURRENCIES = {"dollar", "euro", "yuan", "renminbi", "yen", "won", "pound", "rupee", "franc"}
TEMPORAL_PREPS = {"since", "during", "until", "before", "after", "despite", "amid", "as"}
PLACE_PREPS = {"in", "at", "near", "outside", "across"}
MEMBER_PREPS = {"including", "like", "among"}
# Relations whose object is often a plain phrase, even a bare one: "dominates the market",
# "lags in bandwidth". Others need a phrase with some content ("needs licences" has none).
LITERAL_RELATIONS = {"dominates", "lags_behind"}
# Relations that may take a phrase as object at all ("bans exports of gallium"); the
# others (buys, develops ...) are facts about named things and need a named object.
LITERAL_OBJECT_RELATIONS = LITERAL_RELATIONS | {
    "bans",
    "restricts",
    "eases",
    "sanctions",
    "approves",
    "warns",
    "denies",
    "says",
    "estimates",
    "projects",
}
# Relations a product may be the subject of: "the Ascend 910C competes with the H20".
PRODUCT_RELATIONS = {"competes_with", "depends_on", "lags_behind", "dominates"}
# Relations whose object may be a figure: a source's estimate or forecast.
FIGURE_RELATIONS = {"estimates", "projects"}
# Prepositions that lead from an event noun to its object: "orders for", "sales to"; not
# "over", which gives a reason: "an investigation over suspected violations of the law".
EVENT_PREPS = {"of", "on", "for", "to", "with", "against", "into"}
# Verbs whose "as" phrase describes their object: "regards X as a rival".
CONSIDERING = {
    "see",
    "regard",
    "view",
    "consider",
    "describe",
    "name",
    "count",
    "call",
    "label",
    "rank",
    "list",
    "identify",
    "designate",
    "treat",
    "hail",
    "tout",
    "position",
    "choose",
    "select",
    "pick",
}
# "one of the largest buyers": the role belongs to the subject of "one".
QUANTIFIERS = {"one", "some", "many", "several", "two", "three", "four", "five", "most", "all"}
ANAPHORIC_STARTS = {"the", "its", "their", "his", "her", "this", "these", "those", "that", "such", "some"}
# Prepositions through which a noun leads to what it is about: "sales of", "curbs on".
OBJECT_PREPS = {"of", "on", "against", "over", "including", "like"}
# Relations whose object usually comes after a preposition ("invest in", "rely on").
PREPOSITIONAL = {"depends_on", "competes_with", "partners_with", "invests_in", "lags_behind"}
# The prepositions that lead to a relation's other party: "relies on X", "sells chips to
# X", "buys chips from X". Other prepositional phrases say where, why or how.
RELATION_PREPS = {
    "depends_on": {"on", "upon"},
    "competes_with": {"with", "against"},
    "partners_with": {"with"},
    "invests_in": {"in", "into", "on"},
    "supplies": {"to"},
    "buys": {"from"},
    "lags_behind": {"behind"},
}
COPULAS = {"be", "include", "comprise", "remain", "become"}
# A role seen from the one it is held towards: its customers are whom it supplies.
ROLE_FROM_HOLDER = {
    "buys": "supplies",
    "supplies": "buys",
    "competes_with": "competes_with",
    "partners_with": "partners_with",
}
MAX_LITERAL_WORDS = 12
# Acts of governments: an agentless "X was banned" is taken to be the government's act.
REGULATORY = {"bans", "restricts", "sanctions", "approves", "eases", "investigates"}
# Adjectives that describe a plant rather than name its goods: "the only", "a new" mine.
PLAIN_ADJECTIVES = {"only", "new", "big", "large", "small", "main", "sole", "first", "old", "advanced"}
# Acts done with a partner: "developed the chip with TSMC".
JOINT_WORK = {"develops", "manufactures", "releases"}

# ---------------------------------------------------------------- regulation (claim_regulation.py)

# Acts a noun names by itself, with what they are on: "curbs on X", "a ban on X".
NOMINAL_ACTS = {"restricts", "bans", "sanctions"}
NOMINAL_PREPS = {"on", "against"}
# Acts that keep someone from doing something: "barred Nvidia from selling the A800".
PREVENTS = {"bans", "restricts"}
# Permits a trade needs: "needs licences to ship X" restricts X.
LICENCES = {"licence", "license", "permit", "authorization", "authorisation"}
# Verbs that take a licence back: "revoked a licence for the shipment of X" restricts X.
REVOKING = {"revoke", "withdraw", "cancel", "suspend", "pull"}
# Amounts of goods a rule may cap: "the number of AI chips", "the volume of exports of X".
AMOUNTS = {"number", "amount", "quantity", "volume", "value"}
# Naming in a government's notice: "were named in a notice posted by BIS" sanctions them.
NAMING = {"name", "list", "include"}
NOTICES = {"notice", "list", "order", "rule", "register"}
# What a regulator's rules are called when they, not the regulator, are the subject.
RULE_NOUNS = {"rule", "regulation", "measure", "law", "control", "restriction", "curb", "order", "policy"}
# Verbs that, with rules for their subject, say what the rules restrict: "the rules cover X".
RULE_VERBS = {"cover", "apply"}

# ---------------------------------------------------------------- claims nouns state (claim_patterns.py)

# Relations of making: a maker's goods need no name ("a designer of graphics processors").
MAKING = {"manufactures", "develops"}
# Deals a noun names, with the prepositions that lead to the other party: "Nvidia's
# acquisition of Mellanox", "Amazon's investment in Anthropic", "Samsung's deal with AMD".
OWNED_DEALS = {
    "acquires": {"of"},
    "invests_in": {"in", "into"},
    "partners_with": {"with"},
    "supplies": {"to"},
}
# Plants named for what they make, and the verbs of running one: "operates a rare earth mine".
PLANTS = {"mine", "fab", "plant", "factory", "refinery", "smelter", "foundry"}
RUNNING = {"operate", "run", "own"}
# Verbs of a product coming to market: "Trainium3 would arrive late next year".
ARRIVING = {"arrive", "launch", "debut", "ship"}
# What a market's share is a share of: "accounted for 17% of Nvidia's revenue".
SALES_NOUNS = {"revenue", "sale", "sales", "turnover", "shipment"}
# Words of a share above half: "nearly all production", "most of the market".
MAJORITY = {"all", "most", "majority", "bulk"}

# Nouns of a company's own forecast: "raised its outlook to ...".
FORECAST_NOUNS = {"forecast", "outlook", "guidance", "target", "projection"}
