"""Named, multilingual vocabularies: one set for HTML and plain-text mode alike.

Each table maps a stable name (used in block reasons, e.g. ``sidebar-heading:most-popular``) to a
pattern. Patterns are compiled once, at import, with the ``regex`` module for Unicode classes; they
are immutable, so sharing them across calls and processes is safe.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType

import regex

_FLAGS = regex.IGNORECASE | regex.UNICODE | regex.VERSION1


class Vocabulary(Mapping[str, regex.Pattern[str]]):
    """A named table of patterns, searched in table order."""

    __slots__ = ("_patterns",)

    def __init__(self, table: Mapping[str, str]) -> None:
        self._patterns: Mapping[str, regex.Pattern[str]] = MappingProxyType(
            {name: regex.compile(source, _FLAGS) for name, source in table.items()}
        )

    def __getitem__(self, name: str) -> regex.Pattern[str]:
        return self._patterns[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._patterns)

    def __len__(self) -> int:
        return len(self._patterns)

    def first(self, text: str) -> str | None:
        """The name of the first pattern (in table order) found in ``text``, or None."""
        for name, pattern in self._patterns.items():
            if pattern.search(text) is not None:
                return name
        return None


def _compile_table(table: Mapping[str, str]) -> Vocabulary:
    return Vocabulary(table)


# Headings that open a sidebar section: the heading and the run of headline-like items after it
# are not article. Matched anywhere in a short heading ("JN ACCESS RANKING", '"News" POPULAR ARTICLE').
SIDEBAR_HEADINGS: Vocabulary = _compile_table(
    {
        "most-popular": (
            r"\b(?:most[\s-]+(?:popular|read|viewed|shared|emailed|commented|watched|recent)"
            r"|popular(?:\s+(?:articles?|stories|posts|news|now|today|this\s+week|on\s+\w+))?"
            r"|top\s+(?:stories|articles|news|reads)|what'?s\s+hot|hot\s+(?:topics|stories))\b"
            r"|人気(?:記事|ニュース|の記事|ランキング)?|最も読まれた|よく読まれている|热门|热点|最热|人气|排行"
            r"|meistgelesen|meistgesehen|beliebteste|am\s+meisten\s+gelesen"
            r"|les\s+plus\s+(?:lus|populaires|partagés|consultés)|populaires"
            r"|lo\s+más\s+(?:leído|visto|popular|compartido)|más\s+leídas?|más\s+vist[oa]s"
            r"|mais\s+(?:lid[oa]s|vist[oa]s|populares)|populares|più\s+(?:lett[ie]|vist[ie]|popolari)"
            r"|самые\s+(?:популярные|читаемые)|самое\s+(?:популярное|читаемое)|популярное"
            r"|meest\s+(?:gelezen|bekeken)|많이\s*본|인기\s*(?:기사|뉴스)|terpopuler|paling\s+populer"
            r"|en\s+çok\s+(?:okunan|izlenen)|najczęściej\s+(?:czytane|oglądane)|الأكثر\s+(?:قراءة|مشاهدة)"
        ),
        "ranking": (
            r"\b(?:access\s+ranking|ranking|rankings|leaderboard|top\s+\d+)\b"
            r"|アクセスランキング|ランキング|排行榜|rangliste"
        ),
        "related": (
            r"\b(?:related(?:\s+(?:articles?|stories|posts|news|content|coverage|topics|links|videos))?"
            r"|see\s+also|also\s+read|read\s+also|further\s+reading|more\s+(?:from|on|in|about)\b.*"
            r"|more\s+(?:\w+\s+){0,2}?(?:stories|articles|news|headlines|reads)"
            r"|other\s+(?:stories|news|articles))\b"
            r"|関連(?:記事|ニュース)?|相关(?:文章|新闻|阅读)?|延伸阅读|相關(?:文章|新聞)?"
            r"|verwandte\s+(?:artikel|themen)|mehr\s+zum\s+thema|das\s+könnte\s+sie\s+auch|weitere\s+artikel"
            r"|à\s+lire\s+(?:aussi|également)|sur\s+le\s+même\s+sujet|lire\s+aussi|articles?\s+similaires"
            r"|noticias\s+relacionadas|te\s+puede\s+interesar|relacionad[oa]s|lee\s+también|leer\s+más\s+sobre"
            r"|leia\s+(?:também|mais)|veja\s+também|notícias\s+relacionadas|leggi\s+anche"
            r"|articoli\s+correlati|potrebbe\s+interessarti|читайте\s+также|по\s+теме"
            r"|похожие\s+(?:статьи|новости|материалы)|другие\s+(?:новости|статьи)|lees\s+ook"
            r"|관련\s*(?:기사|뉴스)|berita\s+terkait|baca\s+juga|ilgili\s+haberler|zobacz\s+(?:też|także)"
            r"|czytaj\s+(?:też|także)|مواضيع\s+ذات\s+صلة|اقرأ\s+أيضا"
        ),
        "recommended": (
            r"\b(?:recommended(?:\s+(?:for\s+you|stories|articles|reading|videos))?|you\s+(?:may|might)"
            r"\s+(?:also\s+)?(?:like|enjoy|be\s+interested)|editor'?s\s+picks?|picks\s+for\s+you"
            r"|don'?t\s+miss|sponsored(?:\s+(?:content|stories|links))?|promoted\s+(?:stories|content)"
            r"|around\s+the\s+web|from\s+our\s+partners|more\s+to\s+explore|up\s+next|watch\s+next)\b"
            r"|おすすめ|オススメ|推荐|推薦|猜你喜欢"
            r"|empfehlungen|empfohlen|auch\s+interessant|nous\s+recommandons|à\s+découvrir|recomendad[oa]s?"
            r"|te\s+recomendamos|você\s+(?:também\s+)?pode\s+gostar|recomendamos|consigliati"
            r"|da\s+non\s+perdere|рекомендуем|вам\s+может\s+понравиться|не\s+пропустите"
            r"|추천\s*(?:기사|뉴스)|rekomendasi|önerilen|polecane"
        ),
        "trending": (
            r"\b(?:trending(?:\s+(?:now|stories|topics|news|today))?|latest\s+(?:news|stories|headlines|articles)"
            r"|breaking\s+news|news\s+in\s+brief|just\s+in|in\s+case\s+you\s+missed\s+it)\b"
            r"|注目|話題|最新(?:記事|ニュース)|トレンド|热搜|最新(?:文章|新闻)|aktuell(?:e\s+nachrichten)?"
            r"|neueste\s+artikel|tendances|à\s+la\s+une|dernières\s+(?:infos|actualités)|tendencias"
            r"|últimas\s+noticias|últimas\s+notícias|ultime\s+notizie|последние\s+новости"
            r"|최신\s*(?:기사|뉴스)|berita\s+terkini|son\s+dakika|najnowsze"
        ),
        "newsletter": (
            r"\b(?:newsletters?|sign\s+up|subscribe|get\s+(?:our|the)\s+\w+\s+(?:in\s+your\s+inbox|newsletter))\b"
            r"|メールマガジン|メルマガ|订阅|訂閱|abonnieren|s'abonner|abonnez-vous|suscríbete|suscribirse"
            r"|assine|inscreva-se|iscriviti|подпишитесь|рассылка"
        ),
        "comments": (
            r"\b(?:comments?|leave\s+a\s+(?:comment|reply)|join\s+the\s+(?:conversation|discussion)"
            r"|\d+\s+comments?|reader\s+comments)\b|コメント|评论|評論|kommentare|commentaires|comentarios"
            r"|comentários|commenti|комментари[ий]|댓글|komentar|yorumlar|komentarze|تعليقات"
        ),
        "share": (
            r"\b(?:share\s+(?:this|on|article|story)|share|follow\s+us|tags?|topics)\b"
            r"|シェア|分享|teilen|partager|compartir|compartilh(?:e|ar)|condividi|поделиться"
        ),
    }
)

# A heading that introduces the author or the publisher after an article: "About the author",
# "Sobre o autor", "著者について" (ABOUT_HEADING), or "About" and a name, every word capitalised
# ("Über Moritz Bachmann", "Sobre Carlos Nadalim", "About Ascom"; not "About Tesla's new plan").
ABOUT_HEADING = regex.compile(
    r"^\W*(?:about\s+the\s+(?:authors?|writers?|reporters?)|about\s+us"
    r"|sobre\s+(?:o|a|el|la)\s+autora?|über\s+(?:den\s+autor|die\s+autorin|uns)"
    r"|à\s+propos\s+de\s+l'auteur|(?:著者|筆者)(?:について|紹介|プロフィール)|作者简介|关于作者"
    r"|об\s+авторе)",
    _FLAGS,
)
ABOUT_NAME_HEADING = regex.compile(
    r"^\W*(?:about|über|sobre|acerca\s+de|à\s+propos\s+de|a\s+proposito\s+di)"
    r"(?:\s+(?-i:\p{Lu})[\w.'’-]*){1,4}\W*$",
    _FLAGS,
)
# Most words in an author heading, and most blocks after it that make the author's box.
ABOUT_HEADING_MAX_WORDS = 5
ABOUT_BOX_MAX_BLOCKS = 12

# Whole short lines that are boilerplate wherever they stand (share bars, ads, read-more links).
BOILERPLATE_LINES: Vocabulary = _compile_table(
    {
        "advertisement": (
            r"^\W*(?:advertisements?|advertising|adverts?|sponsored|ads?|anzeige|werbung|publicité"
            r"|publicidad|publicidade|pubblicità|annonce|reklama|реклама|広告|广告|광고|pr)\W*$"
        ),
        "share": (
            r"^\W*(?:share(?:\s+(?:this|on\s+\w+|article|story|via\s+\w+))?|tweet|pin\s+it|email|print"
            r"|facebook|twitter|linkedin|whatsapp|reddit|copy\s+link|x|sharing\s+is\s+caring)\W*$"
        ),
        "read-more": (
            r"^\W*(?:read\s+(?:more|the\s+full\s+(?:story|article))|continue\s+reading|click\s+here|more\W*$"
            r"|続きを読む|もっと見る|阅读全文|weiterlesen|mehr\s+lesen|lire\s+la\s+suite|leer\s+más|seguir\s+leyendo)"
        ),
        "subscribe": (
            r"^\W*(?:subscribe(?:\s+(?:now|today|to\s+.*))?|sign\s+up(?:\s+.*)?|log\s*in|sign\s+in|register"
            r"|create\s+(?:an\s+)?account|already\s+a\s+subscriber\??.*)\W*$"
        ),
        "cookie": r"\b(?:we\s+use\s+cookies|this\s+(?:site|website)\s+uses\s+cookies|cookie\s+(?:policy|settings))\b",
        "copyright": r"(?:^\W*(?:©|\(c\)|copyright)\s*(?:\d{4})?|all\s+rights\s+reserved|無断転載|版权所有|alle\s+rechte\s+vorbehalten|tous\s+droits\s+réservés|todos\s+los\s+derechos\s+reservados)",
        "navigation": (
            r"^\W*(?:home|menu|search|skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|next|previous|prev"
            r"|close|open|toggle\s+navigation|loading\.*|トップ|ホーム|首页|startseite|accueil|inicio)\W*$"
        ),
        "no-script": (
            r"\b(?:(?:requires|enable|turn\s+on)\s+javascript|javascript\s+(?:is\s+)?(?:disabled|required)"
            r"|your\s+browser\s+does\s+not\s+support)\b"
        ),
        "photo-credit": r"^\W*(?:photo|image|picture|foto|写真)\s*(?:credit)?\s*:\s*\S.{0,60}$",
        "gallery-counter": (
            r"^\W*(?:image|photo|picture|slide|foto|bild|imagen)\s*\d+\s*(?:of|/|von|de|di|из)\s*\d+\W*$"
        ),
    }
)

# Calls to action inside or right after an article: newsletter and membership pitches, "follow us",
# contact lines, affiliate disclosures. Searched anywhere in a block of moderate length.
PROMO_LINES: Vocabulary = _compile_table(
    {
        "newsletter-pitch": (
            r"\b(?:sign\s+up|subscribe)\b.{0,80}\b(?:newsletters?|inbox|e-?mails?|updates|alerts)\b"
            r"|\b(?:newsletters?|alerts)\b.{0,60}\b(?:sign\s+up|subscribe)\b"
            r"|\b(?:in|to|meet)\s+your\s+inbox\b|\bdelivered\b.{0,30}?\b(?:your\s+(?:inbox|letterbox"
            r"|mailbox|door|doorstep)|every\s+(?:day|week|month|morning)|daily|weekly|weekday)"
            r"|newsletter\s+abonnieren|jetzt\s+abonnieren|inscrivez-vous\s+à|suscríbete\s+a"
            r"|assine\s+(?:a|nossa)\s+newsletter|iscriviti\s+alla\s+newsletter"
        ),
        "membership-pitch": (
            r"\b(?:support\s+(?:our|us|independent|local|quality)\s+(?:\w+\s+)?journalism"
            r"|become\s+a\s+(?:member|subscriber|supporter|patron)|subscribe\s+(?:now|today)\b"
            r"|(?:get|start)\s+(?:unlimited|full|digital)\s+access|already\s+a\s+subscriber)"
        ),
        "follow": (
            r"\bfollow\s+(?:us|him|her|them|me|@\w+)\b.{0,40}\b(?:on\s+)?(?:twitter|facebook|instagram"
            r"|linkedin|youtube|tiktok)\b|\bfollow\s+@\w+|\bon\s+twitter\s+at\b"
            r"|\blike\s+(?:us|our\s+page)\s+on\s+facebook"
        ),
        "read-also": (
            r"^\W*(?:related|read\s+(?:more|also|next)|see\s+(?:more|also)|also\s+read|more\s+on\s+this"
            r"|leia\s+(?:também|mais)|veja\s+também|leggi\s+anche|(?:à\s+)?lire\s+aussi|lee\s+también"
            r"|lesen\s+sie\s+auch|mehr\s+zum\s+thema|читайте\s+также|baca\s+juga|関連記事|相关阅读)"
            r"[^:：]{0,4}[:：]\s*\S"
        ),
        "legal": (
            r"\b(?:(?:is|are)\s+subject\s+to\s+copyright|may\s+not\s+be\s+(?:reproduced|republished"
            r"|redistributed|rewritten)|no\s+part\s+(?:of\s+\w+\s+)?may\s+be\s+reproduced"
            r"|without\s+(?:the\s+)?(?:prior\s+|express\s+)?written\s+permission)"
        ),
        "share-pitch": r"\b(?:like\s+this\s+(?:story|article)\?|share\s+(?:it|this\s+(?:story|article))\s+with)",
        "contact": (
            r"\b(?:have\s+a\s+(?:news\s+)?tip\?|(?:can|may)\s+be\s+reached\s+at|reach\s+the\s+"
            r"(?:reporters?|authors?|writers?)\b|e-?mail\s+(?:\w+\s+){1,3}at\s+\S+@\S+)"
        ),
        "affiliate": (
            r"\b(?:may\s+(?:earn|receive|get)\s+(?:a|an)\s+(?:small\s+|affiliate\s+)?commission"
            r"|affiliate\s+(?:links?|commission)|we\s+may\s+earn\s+money)"
        ),
    }
)
# Blocks longer than this (characters) are never read as a call to action.
PROMO_MAX_CHARS = 300
# A block that is nothing but a web address.
BARE_URL = regex.compile(r"^\W*(?:https?://|www\.)\S+\s*$", _FLAGS)

# A dateline of an article ("11:33 JST, January 30, 2023", "Updated 3 hours ago", "2023年1月30日").
DATELINE = regex.compile(
    r"^\W*(?:(?:published|updated|posted|last\s+updated|veröffentlicht|aktualisiert|publié|mis\s+à\s+jour"
    r"|publicado|actualizado)\s*:?\s*)?"
    r"(?:(?:\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?\s*(?:[A-Z]{2,5})?,?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?"
    r"(?:\w+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\.?\s+\w+\.?,?\s+\d{4}|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
    r"|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{4}年\s*\d{1,2}月\s*\d{1,2}日)"
    r"(?:\s*(?:at\s+|,\s*|\|\s*|-\s*|\s)\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5})?)?"
    r"|\d+\s+(?:minutes?|hours?|days?)\s+ago|\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*[A-Z]{2,5})\W*$",
    _FLAGS,
)

# A date or a time inside a line ("November 19, 2019", "19.11.2019", "6:21 AM", "2 hours ago").
_MONTHS = (
    r"jan(?:uary|vier|uar|eiro)?|feb(?:ruary|ruar)?|f[ée]v(?:rier)?|fevereiro|mar(?:ch|s|zo|ço|et)?|märz"
    r"|apr(?:il)?|avr(?:il)?|abr(?:il)?|may|mai|mayo|maio|maggio|jun(?:e|i|io|ho)?|juin|giugno"
    r"|jul(?:y|i|io|ho)?|juil(?:let)?|luglio|aug(?:ust)?|août|ago(?:sto)?|sep(?:t|tember|tembre|tiembre)?"
    r"|set(?:embro|tembre)?|oct(?:ober|obre|ubre)?|okt(?:ober)?|out(?:ubro)?|ott(?:obre)?"
    r"|nov(?:ember|embre|iembre|embro)?|dec(?:ember)?|dez(?:ember|embro)?|d[ée]c(?:embre)?|dic(?:iembre|embre)?"
)
DATE_MENTION = regex.compile(
    rf"\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}}\b|\d{{1,2}}\.?\s+(?:de\s+)?(?:{_MONTHS})\b"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}:\d{2}"
    r"|\d+\s+(?:minutes?|mins?|hours?|hrs?|days?)\s+ago)\b|\d{4}年\s*\d{1,2}月",
    _FLAGS,
)
# What pins a date to a moment of publication: a year, a clock time or "… ago" (a schedule's
# "10 de março – Interlagos" has none).
DATE_ANCHOR = regex.compile(r"\b(?:19|20)\d{2}\b|\b\d{1,2}:\d{2}\b|\bago\b|\d{4}年", _FLAGS)
# What a dateline is made of besides names: dates, times, weekdays, zones and the words around them.
DATELINE_PIECE = regex.compile(
    rf"\b(?:{_MONTHS})\b\.?|\d+(?:st|nd|rd|th)?\b|\b(?:[ap]\.?m\.?|[A-Z]{{2,4}}T|GMT|UTC|ET|PT|CT"
    r"|mon|tue|wed|thu|fri|sat|sun)\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
    r"|\b(?:published|updated|posted|modified|first|last|on|at|by|and|min(?:ute)?s?|read|ago|hours?"
    r"|days?|de|às|um|le|à|el|del|am|um|publicado|publicada|actualizado|atualizado|por|veröffentlicht"
    r"|aktualisiert|publié|mis|jour|pubblicato|aggiornato|alle|il|segunda|terça|quarta|quinta|sexta"
    r"|feira|sábado|domingo|lunes|martes|miércoles|jueves|viernes|montag|dienstag|mittwoch"
    r"|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b",
    _FLAGS,
)
# Longest line (characters) read as a dateline, and most words besides its date pieces (a name).
DATELINE_MAX_CHARS = 120
DATELINE_MAX_OTHER_WORDS = 4

# A byline: "By Jane Doe", "Von Max Mustermann", "Por Ana", "文・山田太郎".
BYLINE = regex.compile(
    r"^\W*(?:by|von|par|por|written\s+by|reporting\s+by|story\s+by|text\s+by|文[・/:：]|記者[・:：]?)\s+\S.{0,80}$",
    _FLAGS,
)

# Class and id tokens that mark boilerplate containers. Split from attributes on - _ and case
# changes, so "related-posts" and "relatedPosts" both give "related". Strong tokens name a kind
# of furniture that never holds the article (comments, related links, share bars, navigation).
NEGATIVE_TOKENS: frozenset[str] = frozenset(
    {
        "nav",
        "navbar",
        "navigation",
        "menu",
        "menubar",
        "breadcrumb",
        "breadcrumbs",
        "footer",
        "masthead",
        "related",
        "recommended",
        "recommendations",
        "recirc",
        "recirculation",
        "popular",
        "trending",
        "mostread",
        "promo",
        "sponsored",
        "outbrain",
        "taboola",
        "advert",
        "advertisement",
        "ads",
        "adsense",
        "share",
        "sharing",
        "social",
        "sharebar",
        "comment",
        "comments",
        "disqus",
        "respond",
        "newsletter",
        "subscribe",
        "subscription",
        "signup",
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "popup",
        "tagcloud",
        "taglist",
        "tags",
        "author-bio",
        "bio",
        "pagination",
        "pager",
        "login",
        "skip",
        "teaser",
        "teasers",
        "toolbar",
        "follow",
        "cta",
        "carousel",
        "gallery",
    }
)

# Weak boilerplate tokens: often furniture, but also found on wrappers of the article
# ("header" of a story, "widget" in page builders, "sidebar" layouts, "tag-…" post classes).
WEAK_NEGATIVE_TOKENS: frozenset[str] = frozenset(
    {
        "header",
        "sidebar",
        "aside",
        "rail",
        "widget",
        "widgets",
        "banner",
        "promotion",
        "ad",
        "most",
        "more",
        "tag",
        "byline",
        "dateline",
        "meta",
        "timestamp",
        "hidden",
        "visually",
        "sr",
        "print",
        "toc",
        "modal",
        "overlay",
        "paywall",
    }
)

# Class and id tokens of image captions and credits: they describe a picture, not the story.
CAPTION_TOKENS: frozenset[str] = frozenset(
    {"caption", "captions", "figcaption", "credit", "credits", "photocredit"}
)
# Text that marks a caption wherever it stands: a credit at the end ("(Image: GETTY)", "(AP
# Photo/Jane Doe)", "Photograph: Reuters", "Credit: iStock"), or the wire services' opening
# ("In this Nov. 10, 2019, file photo, ...").
CAPTION_TEXT = regex.compile(
    r"[(\[]\s*(?:image|photo|picture|foto|photograph|credit|bild|imagen)s?\s*(?:credit)?\s*:"
    r"\s*[^)\]]{1,80}[)\]]\W*$"
    r"|[(\[]\s*(?:AP|AFP|EPA|Reuters|Getty)\s*(?:Photo|Images?)?\s*/[^)\]]{1,80}[)\]]\W*$"
    r"|(?:photograph|photo|image|credit)\s*(?:credit)?\s*:\s*[^.:]{1,60}$"
    r"|^\W*in\s+this\s+(?:[\w.]+[\s,]+){0,6}?(?:file\s+)?(?:photo|image|picture|photograph)s?\s*,",
    _FLAGS,
)
# Longest block (characters) read as a caption from its text alone.
CAPTION_TEXT_MAX_CHARS = 400
# Ancestor tags whose text describes a picture or a media object.
CAPTION_TAGS: frozenset[str] = frozenset({"figure", "figcaption", "caption"})

# First parts of a class name that describe a state, not a kind of element: "has-sidebar",
# "no-comments", "with-related" name a layout of the element they sit on, not furniture.
STATE_PREFIXES: frozenset[str] = frozenset(
    {"has", "no", "with", "without", "show", "hide", "enable", "disable", "is"}
)

# Class and id tokens of article containers.
POSITIVE_TOKENS: frozenset[str] = frozenset(
    {
        "article",
        "articlebody",
        "article-body",
        "story",
        "storybody",
        "body",
        "content",
        "entry",
        "post",
        "text",
        "main",
        "prose",
        "richtext",
        "paragraph",
        "blog",
        "news",
        "detail",
        "chapter",
        "page",
    }
)

# Tags whose whole subtree is never article text.
DROPPED_TAGS: frozenset[str] = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "select",
        "option",
        "button",
        "textarea",
        "input",
        "head",
        "map",
        "dialog",
        "title",
    }
)

# Ancestor tags that mark page furniture rather than article text.
BOILERPLATE_TAGS: frozenset[str] = frozenset({"nav", "aside", "footer", "menu", "form"})
ARTICLE_TAGS: frozenset[str] = frozenset({"article", "main"})

# Words and marks used for text features.
# A line cut off with an ellipsis: a teaser's summary, truncated to fit its box.
TRUNCATED = regex.compile(r"(?:\.\.\.|…)\W{0,2}$")
SENTENCE_END = regex.compile(r"[.!?。！？…:;](?:[\"'”’»」』)\]]*)\s*$")
INNER_PUNCT = regex.compile(r"[,;:、，；：]")
WORD = regex.compile(r"\w+", regex.UNICODE)
# Scripts written without spaces: count characters, not words, for their length.
CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
BULLET = regex.compile(r"^\s*(?:[-–—•·*▪►▸●○◦]|\u30FB)\s*")
RANK = regex.compile(r"^\s*(?:\d{1,2}[.)]|[(（]\d{1,2}[)）]|[①-⑳]|#\d{1,2})\s*")
SEPARATOR = regex.compile(r"^\s*[-–—•·*_=|/\\~#]*\s*$")
TOKEN_SPLIT = regex.compile(r"[\s_\-:./]+|(?<=[a-z])(?=[A-Z])")
