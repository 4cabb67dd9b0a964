# cython: language_level=3, boundscheck=False, initializedcheck=False, cdivision=True
"""Compiled twin of ``newsclean/blocks.py``: the same ``segment_tree`` and ``text_counts``, with
the same results, walking libxml2's nodes directly instead of lxml's proxies.

``blocks.py`` is the readable reference and says *what* the walk does; this file only says how it
reproduces what lxml gives the reference:

- ``etree.iterwalk`` visits elements (and entity references) in document order; comments and
  processing instructions are passed over, their tails with them. Here: the first child or next
  sibling whose node type is an element.
- ``.text`` and ``.tail`` join the run of text and CDATA nodes that starts at the first child or
  the next sibling (XInclude markers are stepped over). Here: the run's bytes are appended to one
  UTF-8 buffer per block, decoded once when the block is made.
- ``.get(name)`` is the first attribute of that name without a namespace; its value is the text
  of its one text node (``""`` without one). Anything rarer asks lxml (``_attribute_by_proxy``).
- ``hidden_elements`` and the site rules' ``marks`` are sets and dicts of proxies: here the
  attributes are read during the walk, and the marks are keyed by node address.

Trees the reference reads through lxml in ways not reproduced here (entity references, DTD
attribute defaults, a root that is not an element) are handed to the reference whole.
The walk keeps its own stack of open elements, so no nesting depth reaches the C stack.
"""

from cpython.list cimport PyList_GET_ITEM, PyList_GET_SIZE
from cpython.object cimport PyObject
from cpython.ref cimport Py_INCREF
from cpython.tuple cimport PyTuple_New, PyTuple_SET_ITEM
from cpython.unicode cimport PyUnicode_DecodeASCII, PyUnicode_DecodeUTF8
from libc.stdlib cimport calloc, free, malloc, realloc
from libc.string cimport memcpy, strcmp, strlen, strstr

from lxml.includes cimport tree
from lxml.includes.etreepublic cimport _Element, elementFactory, import_lxml__etree
from lxml.includes.tree cimport xmlAttr, xmlNode

import regex

from newsclean import blocks as _reference, vocab
from newsclean.model import Block, Features, Kind

import_lxml__etree()

cdef object _EMPTY = _reference._EMPTY
cdef frozenset _BLOCK_TAGS = _reference.BLOCK_TAGS
cdef frozenset _PAGE_TAGS = _reference.PAGE_TAGS
cdef frozenset _FURNITURE_TOKENS = _reference.FURNITURE_TOKENS
cdef dict _KIND_BY_TAG = _reference.KIND_BY_TAG
cdef dict _HEADING_LEVELS = _reference.HEADING_LEVELS
cdef object _PARAGRAPH = Kind.PARAGRAPH
cdef object _PREFORMATTED = Kind.PREFORMATTED
cdef Py_ssize_t _MAX_ANCESTRY = _reference.MAX_ANCESTRY
cdef Py_ssize_t _MAX_ANCESTOR_NUMBERS = _reference.MAX_ANCESTOR_NUMBERS
cdef object _style_hides = _reference.style_hides
cdef object _name_tokens_reference = _reference._name_tokens
cdef frozenset _STATE_PREFIXES = vocab.STATE_PREFIXES
cdef Py_ssize_t _MAX_CLASS_NAMES = _reference.MAX_CLASS_NAMES
cdef tuple _NO_REASONS = ()

# What the walk does with a node it enters.
cdef enum Entered:
    OPENED = 0  # an element whose children the walk visits
    SKIPPED = 1  # a dropped or hidden element: only its tail is read
    CUT = 2  # ``max_blocks`` reached: the walk stops here

# Smallest allocation of the text buffer (it doubles as a block's text grows).
cdef Py_ssize_t _BUFFER_START = 4096
# Open elements the furniture stack holds at first (it doubles as the walk goes deeper).
cdef Py_ssize_t _DEPTH_START = 256
# Tags whose blocks are in a list (``in_list``).
cdef frozenset _LIST_TAGS = frozenset({"li", "dd", "dt"})


# Slots of the walk's direct-mapped cache of tag facts by name address (a power of two).
cdef enum:
    TAG_SLOTS = 256
# Slots the table of class and id values starts with (a power of two; it doubles when half full).
cdef Py_ssize_t _VALUES_START = 1024


# One entry of the table of class and id values: their text (NULL when the attribute is absent),
# its hash, and the (tokens, furniture) pair found for them (NULL while the entry is free).
cdef struct _Values:
    size_t hash
    const char* class_value
    const char* id_value
    PyObject* known


cdef inline size_t _hash_value(size_t hash, const char* value) noexcept nogil:
    """FNV-1a of one value, carried on from ``hash``, with an end mark (another when absent)."""
    cdef const unsigned char* c = <const unsigned char*>value
    if value is NULL:
        return (hash ^ 0xFF) * <size_t>1099511628211ULL
    while c[0]:
        hash = (hash ^ c[0]) * <size_t>1099511628211ULL
        c += 1
    return (hash ^ 0xFE) * <size_t>1099511628211ULL


cdef inline size_t _hash_values(const char* class_value, const char* id_value) noexcept nogil:
    return _hash_value(_hash_value(<size_t>14695981039346656037ULL, class_value), id_value)


cdef inline bint _same_value(const char* a, const char* b) noexcept nogil:
    if a is NULL or b is NULL:
        return a is b
    return strcmp(a, b) == 0


class _Unsupported(Exception):
    """A tree this walk does not reproduce the reference on: the reference runs instead."""


# --- the characters Python's str methods treat specially, on ASCII bytes --------------------------


cdef inline bint _is_space(unsigned char c) noexcept nogil:
    """``str.isspace`` on one ASCII character (``str.split`` and ``str.strip`` use it)."""
    return c == 32 or (9 <= c <= 13) or (28 <= c <= 31)


cdef inline bint _is_regex_space(unsigned char c) noexcept nogil:
    """The class ``[ \\t\\n\\r\\f\\v]`` of the ASCII sentence-end pattern."""
    return c == 32 or (9 <= c <= 13)


cdef inline bint _is_word(unsigned char c) noexcept nogil:
    """``[A-Za-z0-9_]``."""
    return (
        (b'a' <= c <= b'z') or (b'A' <= c <= b'Z') or (b'0' <= c <= b'9') or c == b'_'
    )


cdef inline Py_ssize_t _space_size(
    const unsigned char* data, Py_ssize_t at, Py_ssize_t size
) noexcept nogil:
    """The bytes of the character at ``at`` in UTF-8 text when ``str.isspace`` holds for it,
    else 0. Beyond ASCII: U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F
    and U+3000 (tests/test_blocks_paths.py checks the list against Python's)."""
    cdef unsigned char c = data[at], second, third
    if c < 128:
        return _is_space(c)
    if c == 0xC2:
        if at + 1 < size and (data[at + 1] == 0x85 or data[at + 1] == 0xA0):
            return 2
        return 0
    if at + 2 >= size or c < 0xE1 or c > 0xE3:
        return 0
    second = data[at + 1]
    third = data[at + 2]
    if c == 0xE1:
        return 3 if second == 0x9A and third == 0x80 else 0
    if c == 0xE3:
        return 3 if second == 0x80 and third == 0x80 else 0
    if second == 0x80 and (
        0x80 <= third <= 0x8A or third == 0xA8 or third == 0xA9 or third == 0xAF
    ):
        return 3
    return 3 if second == 0x81 and third == 0x9F else 0


def space_characters() -> list:
    """The characters beyond ASCII that ``_space_size`` reads as whitespace, for the test."""
    cdef list found = []
    cdef bytes data
    for code in range(128, 0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        data = chr(code).encode("utf-8")
        if _space_size(<const unsigned char*><char*>data, 0, len(data)) == len(data):
            found.append(chr(code))
    return found


cdef inline bint _all_ascii(const unsigned char* data, Py_ssize_t size) noexcept nogil:
    cdef Py_ssize_t i
    for i in range(size):
        if data[i] >= 128:
            return False
    return True


# --- text counts --------------------------------------------------------------------------------


cdef tuple _ascii_counts(const unsigned char* text, Py_ssize_t size):
    """``blocks.text_counts`` of ASCII text: the ``[A-Za-z0-9_]+`` words and those starting with
    a capital, the sentence-end pattern, and the ``,;:`` marks."""
    cdef Py_ssize_t i = 0, words = 0, capitals = 0, inner = 0, end = size
    cdef unsigned char c
    cdef bint sentence_end
    while i < size:
        c = text[i]
        if _is_word(c):
            words += 1
            capitals += b'A' <= c <= b'Z'
            i += 1
            while i < size and _is_word(text[i]):
                i += 1
            continue
        inner += c == b',' or c == b';' or c == b':'
        i += 1
    # [.!?:;]["')\]]*[ \t\n\r\f\v]*$ : the quote and space runs are disjoint from the marks.
    while end > 0 and _is_regex_space(text[end - 1]):
        end -= 1
    while end > 0 and (
        text[end - 1] == b'"' or text[end - 1] == b"'" or text[end - 1] == b')'
        or text[end - 1] == b']'
    ):
        end -= 1
    sentence_end = end > 0 and (
        text[end - 1] == b'.' or text[end - 1] == b'!' or text[end - 1] == b'?'
        or text[end - 1] == b':' or text[end - 1] == b';'
    )
    capitalised = capitals / <double>words if words else 0.0
    return size, words, sentence_end, inner, capitalised


# What the text patterns of ``vocab`` make of one character, as bits of ``_CLASSES``.
cdef enum CharClass:
    KNOWN = 1  # the other bits are set
    WORD = 2  # matches ``\w`` of vocab.WORD
    CJK = 4  # matches vocab.CJK
    SPACE = 8  # ``\s`` of vocab.SENTENCE_END
    MARK = 16  # ends a sentence in vocab.SENTENCE_END ("." "。" "?"...)
    CLOSER = 32  # may follow the mark there (quotes, brackets)
    INNER = 64  # matches vocab.INNER_PUNCT
    UPPER = 128  # ``str.isupper``

# The classes of every code point met so far (0 until then): the patterns are asked once per
# character, and never again (a cache of fixed facts, not state: every entry is the same in every
# process).
cdef unsigned char _CLASSES[0x110000]
cdef object _WORD_CHAR = regex.compile(r"\w", vocab.WORD.flags)
cdef object _SPACE_CHAR = regex.compile(r"\s", vocab.SENTENCE_END.flags)
cdef object _CJK_CHAR = vocab.CJK.full
cdef object _SENTENCE_END = vocab.SENTENCE_END.full
cdef object _INNER_CHAR = vocab.INNER_PUNCT.full


cdef unsigned char _classes_of(Py_UCS4 code) except 0:
    """The ``CharClass`` bits of one character, from the reference's own patterns. The sentence
    end is ``mark closer* \\s* $``: a mark alone matches it, and a mark and a closer do."""
    cdef unsigned char found = _CLASSES[code]
    if found:
        return found
    char = chr(code)
    found = KNOWN
    if _WORD_CHAR.fullmatch(char):
        found |= WORD
    if _CJK_CHAR.fullmatch(char):
        found |= CJK
    if _SPACE_CHAR.fullmatch(char):
        found |= SPACE
    if _SENTENCE_END.fullmatch(char):
        found |= MARK
    elif not found & SPACE and _SENTENCE_END.fullmatch("." + char):
        found |= CLOSER
    if _INNER_CHAR.fullmatch(char):
        found |= INNER
    if char.isupper():
        found |= UPPER
    _CLASSES[code] = found
    return found


cdef tuple _unicode_counts(str text):
    """``blocks.text_counts`` of any text, read character by character: ``\\w+`` runs, CJK
    characters, the sentence-end pattern and the inner punctuation, as the patterns count them."""
    cdef Py_ssize_t i, size = len(text), words = 0, capitals = 0, cjk = 0, inner = 0
    cdef Py_ssize_t end = size
    cdef unsigned char classes
    cdef bint in_word = False
    for i in range(size):
        classes = _classes_of(text[i])
        if classes & WORD:
            if not in_word:
                words += 1
                capitals += (classes & UPPER) != 0
            in_word = True
        else:
            in_word = False
        cjk += (classes & CJK) != 0
        inner += (classes & INNER) != 0
    while end > 0 and _classes_of(text[end - 1]) & SPACE:
        end -= 1
    while end > 0 and _classes_of(text[end - 1]) & CLOSER:
        end -= 1
    sentence_end = end > 0 and (_classes_of(text[end - 1]) & MARK) != 0
    if cjk:
        capitals = 0
    capitalised = capitals / <double>words if words and not cjk else 0.0
    return size + cjk, max(words, cjk // 2), sentence_end, inner, capitalised


def text_counts(str text) -> tuple:
    """``blocks.text_counts``: the same counts, read in one pass over the characters."""
    if not text.isascii():
        return _unicode_counts(text)
    data = text.encode("ascii")
    return _ascii_counts(<const unsigned char*><char*>data, len(data))


# --- class and id tokens ------------------------------------------------------------------------


cdef inline bint _is_name_separator(Py_UCS4 c) noexcept:
    """The characters of ``[\\s_\\-:./]`` in vocab.TOKEN_SPLIT, on ASCII names."""
    return c == u'_' or c == u'-' or c == u':' or c == u'.' or c == u'/' or (
        c < 128 and _is_space(<unsigned char>c)
    )


cdef tuple _name_tokens(str name):
    """``blocks._name_tokens``: split here for ASCII names, by the reference otherwise."""
    cdef Py_ssize_t i, start, size = len(name)
    cdef Py_UCS4 c, previous
    cdef bint lower_only = size > 0, has_lower = False
    if not name.isascii():
        return _name_tokens_reference(name)
    for i in range(size):
        c = name[i]
        if u'a' <= c <= u'z':
            has_lower = True
        elif not (u'0' <= c <= u'9'):
            lower_only = False
            break
    if lower_only and has_lower:
        return (name,)
    lowered = name.lower()
    parts = []
    start = 0
    previous = 0
    for i in range(size):
        c = name[i]
        if _is_name_separator(c):
            if i > start:
                parts.append(lowered[start:i])
            start = i + 1
        elif u'A' <= c <= u'Z' and u'a' <= previous <= u'z' and i > start:
            parts.append(lowered[start:i])
            start = i
        previous = c
    if size > start:
        parts.append(lowered[start:])
    if parts and parts[0] not in _STATE_PREFIXES:
        return (lowered, *parts)
    return (lowered,)


cdef object _tokens_of(object class_, object id_, dict names_seen):
    """``blocks._tokens_of`` with the names split by ``_name_tokens``: the first
    ``MAX_CLASS_NAMES`` of the class names and the id's (the reference's joined value, split)."""
    cdef list names = class_.split() if class_ else []
    cdef list tokens = []
    if id_:
        names += id_.split()
    if not names:
        return _EMPTY
    for name in names[:_MAX_CLASS_NAMES]:
        known = names_seen.get(name)
        if known is None:
            known = names_seen[name] = _name_tokens(name)
        tokens += <tuple>known
    return frozenset(tokens)


# --- libxml2's tree as lxml reads it --------------------------------------------------------------


cdef inline xmlNode* _text_node_or_skip(xmlNode* node) noexcept nogil:
    """lxml's ``_textNodeOrSkip``: ``node`` if it holds text, past XInclude markers; else NULL."""
    while node is not NULL:
        if node.type == tree.XML_TEXT_NODE or node.type == tree.XML_CDATA_SECTION_NODE:
            return node
        if node.type == tree.XML_XINCLUDE_START or node.type == tree.XML_XINCLUDE_END:
            node = node.next
        else:
            return NULL
    return NULL


cdef inline xmlNode* _walked(xmlNode* node) except? NULL:
    """``node`` or its first next sibling that ``iterwalk`` yields (comments and processing
    instructions are passed over); an entity reference is not reproduced here."""
    while node is not NULL:
        if node.type == tree.XML_ELEMENT_NODE:
            return node
        if node.type == tree.XML_ENTITY_REF_NODE:
            raise _Unsupported("entity reference")
        node = node.next
    return NULL


cdef inline xmlAttr* _attribute(xmlNode* node, const char* name) noexcept nogil:
    """The attribute ``.get(name)`` reads: the first of that name without a namespace."""
    cdef xmlAttr* attribute = node.properties
    while attribute is not NULL:
        if attribute.ns is NULL and strcmp(<const char*>attribute.name, name) == 0:
            return attribute
        attribute = attribute.next
    return NULL


cdef inline const char* _simple_value(xmlAttr* attribute) noexcept nogil:
    """The attribute's value when it is one text node (always, from the HTML parser), ``""``
    without one; NULL when lxml must join it."""
    cdef xmlNode* child = attribute.children
    if child is NULL:
        return ""
    if child.next is NULL and (
        child.type == tree.XML_TEXT_NODE or child.type == tree.XML_CDATA_SECTION_NODE
    ):
        return <const char*>child.content
    return NULL


cdef object _attribute_value(_Element root, xmlNode* node, xmlAttr* attribute, str name):
    """``element.get(name)`` for the attribute found by ``_attribute`` (None when absent)."""
    cdef const char* value
    if attribute is NULL:
        return None
    value = _simple_value(attribute)
    if value is NULL:
        return _attribute_by_proxy(root, node, name)
    return PyUnicode_DecodeUTF8(value, strlen(value), NULL)


cdef object _attribute_by_proxy(_Element root, xmlNode* node, str name):
    return elementFactory(root._doc, node).get(name)


cdef object _tag_of(xmlNode* node):
    """``element.tag.lower()``: the name, with its namespace in braces when it has one."""
    cdef str name = PyUnicode_DecodeUTF8(
        <const char*>node.name, strlen(<const char*>node.name), NULL
    )
    if node.ns is not NULL and node.ns.href is not NULL:
        href = PyUnicode_DecodeUTF8(
            <const char*>node.ns.href, strlen(<const char*>node.ns.href), NULL
        )
        name = f"{{{href}}}{name}"
    return name.lower()


cdef bint _has_dtd_defaults(xmlNode* node):
    """True when the document declares attribute defaults, which ``.get`` would read."""
    cdef tree.xmlDoc* doc = node.doc
    if doc is NULL:
        return False
    if doc.intSubset is not NULL and doc.intSubset.attributes is not NULL:
        return True
    return doc.extSubset is not NULL and doc.extSubset.attributes is not NULL


# --- the walk -----------------------------------------------------------------------------------


cdef class _Tag:
    """What the walk needs to know of one tag name."""

    cdef str name
    cdef bint dropped, block, page, link, listed
    # The kind the tag gives its blocks (None for most tags), and its heading level.
    cdef object kind
    cdef object level


cdef class _Segmenter:
    """The state of one ``segment_tree`` call: the reference's local variables, with the
    collected text held as UTF-8 bytes instead of a list of strings."""

    cdef _Element root
    cdef Py_ssize_t max_blocks
    cdef bint reveal
    cdef frozenset dropped
    cdef dict marks
    cdef list blocks
    # The open elements, outermost first (the reference's ``_Walk``, with each tag's facts
    # instead of its name, and the furniture numbers in C).
    cdef list open_tags, open_numbers, open_tokens, open_marks
    cdef Py_ssize_t* open_furniture
    cdef Py_ssize_t depth_capacity
    # The text since the last block boundary: ``size`` bytes of ``text``, ``ascii`` while
    # every byte is; ``scratch`` holds its whitespace-collapsed copy.
    cdef unsigned char* text
    cdef unsigned char* scratch
    cdef Py_ssize_t size, capacity
    # The union of the class tokens of a block's ancestors, by those that are not empty.
    cdef dict unions_seen
    cdef bint ascii
    cdef Py_ssize_t link_chars, links_open, link_start, number
    cdef list links
    cdef object href
    cdef dict tags_seen, tokens_seen, names_seen
    # The last tag facts looked up in each slot, by name address (``tags_seen`` owns them).
    cdef const void* tag_names[TAG_SLOTS]
    cdef PyObject* tag_facts[TAG_SLOTS]
    # ``tokens_seen`` by the attributes' text in the tree, before any string is made of it.
    cdef _Values* values
    cdef size_t values_mask, values_used

    def __cinit__(self):
        self.text = NULL
        self.scratch = NULL
        self.open_furniture = NULL
        self.values = NULL

    def __dealloc__(self):
        free(self.values)
        free(self.text)
        free(self.scratch)
        free(self.open_furniture)

    cdef int setup(self, _Element root, Py_ssize_t max_blocks, object marks, bint reveal) except -1:
        self.root = root
        self.max_blocks = max_blocks
        self.reveal = reveal
        self.dropped = _reference.vocab.DROPPED_TAGS
        if reveal:
            self.dropped = self.dropped - {_reference.NOSCRIPT}
        self.marks = {}
        if marks:
            for element, reasons in marks.items():
                if isinstance(element, _Element):
                    self.marks[<size_t>(<_Element>element)._c_node] = reasons
        self.blocks = []
        self.open_tags = []
        self.open_numbers = []
        self.open_tokens = []
        self.open_marks = []
        self.unions_seen = {}
        self.links = []
        self.tags_seen = {}
        self.tokens_seen = {}
        self.names_seen = {}
        self.text = <unsigned char*>malloc(_BUFFER_START)
        self.scratch = <unsigned char*>malloc(_BUFFER_START)
        self.open_furniture = <Py_ssize_t*>malloc(_DEPTH_START * sizeof(Py_ssize_t))
        self.values = <_Values*>calloc(_VALUES_START, sizeof(_Values))
        self.values_mask = _VALUES_START - 1
        if (
            self.text is NULL or self.scratch is NULL or self.open_furniture is NULL
            or self.values is NULL
        ):
            raise MemoryError()
        self.capacity = _BUFFER_START
        self.depth_capacity = _DEPTH_START
        self.size = 0
        self.ascii = True
        return 0

    cdef bint walk(self) except -1:
        """Visit the tree in document order; True when it stopped at ``max_blocks``."""
        cdef xmlNode* top = self.root._c_node
        cdef xmlNode* node = top
        cdef xmlNode* next_node
        cdef Entered entered = self.enter(node)
        while True:
            if entered == CUT:
                return True
            next_node = _walked(node.children) if entered == OPENED else NULL
            if next_node is not NULL:
                node = next_node
                entered = self.enter(node)
                continue
            # No child to visit: leave the node, then its ancestors until one has a next sibling.
            while True:
                self.leave(node, entered == OPENED)
                if node is top:
                    if self.size:
                        self.flush()
                    return False
                next_node = _walked(node.next)
                if next_node is not NULL:
                    node = next_node
                    entered = self.enter(node)
                    break
                node = node.parent
                entered = OPENED

    cdef Entered enter(self, xmlNode* node) except *:
        """The reference's "start" event."""
        cdef _Tag tag = self.tag(node)
        cdef xmlAttr* class_attribute = NULL
        cdef xmlAttr* id_attribute = NULL
        cdef Py_ssize_t depth
        if tag.dropped or self.hidden(node):
            return SKIPPED
        if tag.block:
            if self.size:
                self.flush()
                self.link_chars = self.link_start = 0
            if len(self.blocks) >= self.max_blocks:
                return CUT
        self.number += 1
        if tag.page:
            tokens, furniture = _EMPTY, False
        else:
            class_attribute = _attribute(node, "class")
            id_attribute = _attribute(node, "id")
            if class_attribute is NULL and id_attribute is NULL:
                tokens, furniture = _EMPTY, False
            else:
                tokens, furniture = self.tokens_of(node, class_attribute, id_attribute)
        inherited = self.open_marks[-1] if self.open_marks else _NO_REASONS
        if self.marks:
            reasons = self.marks.get(<size_t>node)
            if reasons is not None:
                inherited = (*inherited, *reasons)
        depth = PyList_GET_SIZE(self.open_tags)
        if depth == self.depth_capacity:
            self.deepen()
        self.open_furniture[depth] = self.number if furniture else 0
        self.open_tags.append(tag)
        self.open_numbers.append(self.number)
        self.open_tokens.append(tokens)
        self.open_marks.append(inherited)
        if tag.link:
            self.links_open += 1
            self.href = _attribute_value(self.root, node, _attribute(node, "href"), "href")
            self.link_start = self.size
        self.add(node.children)
        return OPENED

    cdef int leave(self, xmlNode* node, bint opened) except -1:
        """The reference's "end" event (for a skipped element: its tail only)."""
        cdef _Tag tag
        if opened:
            tag = self.open_tags[-1]
            if self.size and tag.block:
                self.flush()
                self.link_chars = self.link_start = 0
            self.open_tags.pop()
            self.open_numbers.pop()
            self.open_tokens.pop()
            self.open_marks.pop()
            if tag.link:
                self.links_open -= 1
                if self.href:
                    self.links.append((self.decoded(self.link_start, self.size), self.href))
                    self.href = None
        self.add(node.next)
        return 0

    cdef _Tag tag(self, xmlNode* node):
        """The tag facts of ``node``, computed once per name (names are interned by the parser;
        an address always names the same text while the tree lives)."""
        cdef _Tag tag
        cdef size_t key = <size_t>node.name
        cdef size_t slot = (key >> 3) & (TAG_SLOTS - 1)
        if node.ns is NULL:
            if self.tag_names[slot] is <const void*>node.name:
                return <_Tag>self.tag_facts[slot]
            found = self.tags_seen.get(key)
            if found is not None:
                self.tag_names[slot] = node.name
                self.tag_facts[slot] = <PyObject*>found
                return <_Tag>found
        tag = _Tag.__new__(_Tag)
        tag.name = _tag_of(node)
        tag.dropped = tag.name in self.dropped
        tag.block = tag.name in _BLOCK_TAGS
        tag.page = tag.name in _PAGE_TAGS
        tag.link = tag.name == "a"
        tag.listed = tag.name in _LIST_TAGS
        tag.kind = _KIND_BY_TAG.get(tag.name)
        tag.level = _HEADING_LEVELS.get(tag.name, 0)
        if node.ns is NULL:
            self.tags_seen[key] = tag
            self.tag_names[slot] = node.name
            self.tag_facts[slot] = <PyObject*>tag
        return tag

    cdef bint hidden(self, xmlNode* node) except -1:
        """``element in hidden`` of the reference (``blocks.is_hidden``; with ``reveal``,
        nothing is hidden)."""
        cdef xmlAttr* hidden_attribute
        cdef xmlAttr* style_attribute
        cdef const char* style
        if self.reveal:
            return False
        hidden_attribute = _attribute(node, "hidden")
        if hidden_attribute is not NULL:
            return True
        style_attribute = _attribute(node, "style")
        if style_attribute is NULL:
            return False
        style = _simple_value(style_attribute)
        if style is not NULL and strstr(style, "none") is NULL and strstr(style, "hidden") is NULL:
            return False
        return _style_hides(_attribute_value(self.root, node, style_attribute, "style"))

    cdef tuple tokens_of(self, xmlNode* node, xmlAttr* class_attribute, xmlAttr* id_attribute):
        """``tokens`` of the element's class and id, found by their text in the tree when they
        were seen before."""
        cdef const char* class_value = NULL
        cdef const char* id_value = NULL
        cdef _Values* entry
        if class_attribute is not NULL:
            class_value = _simple_value(class_attribute)
        if id_attribute is not NULL:
            id_value = _simple_value(id_attribute)
        if (class_attribute is not NULL and class_value is NULL) or (
            id_attribute is not NULL and id_value is NULL
        ):
            return self.tokens(
                _attribute_value(self.root, node, class_attribute, "class"),
                _attribute_value(self.root, node, id_attribute, "id"),
            )
        entry = self.values_entry(class_value, id_value)
        if entry.known is NULL:
            known = self.tokens(
                _attribute_value(self.root, node, class_attribute, "class"),
                _attribute_value(self.root, node, id_attribute, "id"),
            )
            entry.class_value = class_value
            entry.id_value = id_value
            entry.known = <PyObject*>known
            self.values_used += 1
            if 2 * self.values_used > self.values_mask:
                self.grow_values()
            return known
        return <tuple>entry.known

    cdef _Values* values_entry(self, const char* class_value, const char* id_value):
        """The entry of these values in the table: theirs, or the empty one they would take."""
        cdef size_t hash = _hash_values(class_value, id_value)
        cdef size_t slot = hash & self.values_mask
        cdef _Values* entry = &self.values[slot]
        while entry.known is not NULL:
            if (
                entry.hash == hash and _same_value(entry.class_value, class_value)
                and _same_value(entry.id_value, id_value)
            ):
                return entry
            slot = (slot + 1) & self.values_mask
            entry = &self.values[slot]
        entry.hash = hash
        return entry

    cdef int grow_values(self) except -1:
        cdef _Values* old = self.values
        cdef size_t i, slot, old_size = self.values_mask + 1
        cdef _Values* grown = <_Values*>calloc(2 * old_size, sizeof(_Values))
        if grown is NULL:
            raise MemoryError()
        self.values = grown
        self.values_mask = 2 * old_size - 1
        for i in range(old_size):
            if old[i].known is not NULL:
                slot = old[i].hash & self.values_mask
                while grown[slot].known is not NULL:
                    slot = (slot + 1) & self.values_mask
                grown[slot] = old[i]
        free(old)
        return 0

    cdef tuple tokens(self, object class_, object id_):
        """(class tokens, whether they name furniture), cached by the attributes' values."""
        key = class_ if id_ is None else (class_, id_)
        known = self.tokens_seen.get(key)
        if known is None:
            tokens = _tokens_of(class_, id_, self.names_seen)
            known = (tokens, not _FURNITURE_TOKENS.isdisjoint(tokens))
            self.tokens_seen[key] = known
        return <tuple>known

    # --- the text buffer ---

    cdef int add(self, xmlNode* node) except -1:
        """Append the text run starting at ``node`` (an element's ``.text`` or ``.tail``)."""
        cdef Py_ssize_t start = self.size
        cdef const unsigned char* content
        cdef Py_ssize_t length
        node = _text_node_or_skip(node)
        while node is not NULL:
            content = <const unsigned char*>node.content
            length = strlen(<const char*>content)
            if length:
                self.reserve(length)
                memcpy(self.text + self.size, content, length)
                if self.ascii and not _all_ascii(content, length):
                    self.ascii = False
                self.size += length
            node = _text_node_or_skip(node.next)
        if self.links_open and self.size > start:
            self.link_chars += self.stripped_length(start)
        return 0

    cdef int reserve(self, Py_ssize_t more) except -1:
        cdef Py_ssize_t capacity = self.capacity
        cdef unsigned char* grown
        if self.size + more <= capacity:
            return 0
        while capacity < self.size + more:
            capacity *= 2
        grown = <unsigned char*>realloc(self.text, capacity)
        if grown is NULL:
            raise MemoryError()
        self.text = grown
        grown = <unsigned char*>realloc(self.scratch, capacity)
        if grown is NULL:
            raise MemoryError()
        self.scratch = grown
        self.capacity = capacity
        return 0

    cdef int deepen(self) except -1:
        cdef Py_ssize_t* grown = <Py_ssize_t*>realloc(
            self.open_furniture, 2 * self.depth_capacity * sizeof(Py_ssize_t)
        )
        if grown is NULL:
            raise MemoryError()
        self.open_furniture = grown
        self.depth_capacity *= 2
        return 0

    cdef Py_ssize_t stripped_length(self, Py_ssize_t start) except -1:
        """``len(piece.strip())`` of the UTF-8 bytes from ``start`` to the end of the buffer:
        its characters (the bytes that do not continue one) between the outer whitespace."""
        cdef Py_ssize_t end = self.size, last, space, length = 0
        cdef unsigned char* text = self.text
        while start < end:
            space = _space_size(text, start, end)
            if not space:
                break
            start += space
        while end > start:
            last = end - 1
            while last > start and (text[last] & 0xC0) == 0x80:
                last -= 1
            if _space_size(text, last, end) != end - last:
                break
            end = last
        for last in range(start, end):
            length += (text[last] & 0xC0) != 0x80
        return length

    cdef str decoded(self, Py_ssize_t start, Py_ssize_t end):
        return PyUnicode_DecodeUTF8(<const char*>self.text + start, end - start, NULL)

    # --- blocks ---

    cdef int flush(self) except -1:
        """The reference's ``_flush``: the collected text becomes a block (none when it is only
        whitespace); the buffer and the links are emptied."""
        cdef Py_ssize_t size = self.size, compact_size = 0, depth, first
        cdef bint ascii = self.ascii
        cdef tuple block_links = _NO_REASONS
        cdef str text
        compact_size = self.compact()
        if ascii:
            text = PyUnicode_DecodeASCII(<const char*>self.scratch, compact_size, NULL)
        else:
            text = PyUnicode_DecodeUTF8(<const char*>self.scratch, compact_size, NULL)
        self.size = 0
        self.ascii = True
        if self.links:
            block_links = tuple(self.links)
            self.links = []
        if not text:
            return 0
        if ascii:
            counts = _ascii_counts(self.scratch, compact_size)
        else:
            counts = _unicode_counts(text)
        chars, words, sentence_end, inner_punct, capitalised = counts
        length = len(text)
        link_chars = min(self.link_chars, length)
        depth = PyList_GET_SIZE(self.open_tags)
        first = depth - _MAX_ANCESTRY if depth > _MAX_ANCESTRY else 0
        kind, level, block_tag = self.kind_of(first, depth)
        verbatim = ""
        if kind is _PREFORMATTED:
            verbatim = self.decoded(0, size)
        features = Features(
            chars,
            words,
            link_chars,
            link_chars / length,
            sentence_end,
            inner_punct,
            block_tag,
            self.path(first, depth),
            self.tokens_union(first, depth),
            level,
            self.in_list(first, depth),
            tuple(self.open_numbers[-_MAX_ANCESTOR_NUMBERS:]),
            self.furniture_from(first, depth),
            False,
            False,
            capitalised,
            block_links,
            verbatim,
        )
        reasons = self.open_marks[-1] if depth else _NO_REASONS
        self.blocks.append(
            Block(len(self.blocks), text, kind, features, 0.0, (), False, reasons)
        )
        return 0

    cdef inline _Tag open_tag(self, Py_ssize_t index):
        return <_Tag>PyList_GET_ITEM(self.open_tags, index)

    cdef tuple path(self, Py_ssize_t first, Py_ssize_t depth):
        """The tag names of the open elements from ``first`` (the block's ``path``)."""
        cdef tuple path = PyTuple_New(depth - first)
        cdef Py_ssize_t i
        cdef str name
        for i in range(first, depth):
            name = self.open_tag(i).name
            Py_INCREF(name)
            PyTuple_SET_ITEM(path, i - first, name)
        return path

    cdef tuple kind_of(self, Py_ssize_t first, Py_ssize_t depth):
        """``blocks._kind_of``: kind, heading level and block tag (nearest ancestor first)."""
        cdef Py_ssize_t i
        cdef _Tag tag
        block_tag = ""
        for i in range(depth - 1, first - 1, -1):
            tag = self.open_tag(i)
            if not block_tag and tag.block:
                block_tag = tag.name
            if tag.kind is not None:
                return tag.kind, tag.level, block_tag or tag.name
        return _PARAGRAPH, 0, block_tag

    cdef bint in_list(self, Py_ssize_t first, Py_ssize_t depth):
        cdef Py_ssize_t i
        for i in range(first, depth):
            if self.open_tag(i).listed:
                return True
        return False

    cdef Py_ssize_t furniture_from(self, Py_ssize_t first, Py_ssize_t depth):
        cdef Py_ssize_t i, deepest = 0
        for i in range(first, depth):
            if self.open_furniture[i] > deepest:
                deepest = self.open_furniture[i]
        return deepest

    cdef object tokens_union(self, Py_ssize_t first, Py_ssize_t depth):
        """The union of the open elements' class tokens from ``first`` (the reference's
        ``_EMPTY.union(*tokens)``): made once for the blocks of a container."""
        cdef list found = []
        cdef Py_ssize_t i
        for i in range(first, depth):
            tokens = <object>PyList_GET_ITEM(self.open_tokens, i)
            if tokens:
                found.append(tokens)
        if not found:
            return _EMPTY
        key = tuple(found)
        union = self.unions_seen.get(key)
        if union is None:
            union = self.unions_seen[key] = _EMPTY.union(*found)
        return union

    cdef Py_ssize_t compact(self):
        """``" ".join(raw.split())`` of the UTF-8 buffer, written to ``scratch``; its size.
        Whitespace characters are whole sequences, and a byte that continues a character never
        starts one, so copying the other bytes one by one copies whole characters."""
        cdef Py_ssize_t i = 0, out = 0, size = self.size, space
        cdef unsigned char* data = self.text
        cdef unsigned char* written = self.scratch
        cdef bint gap = False
        while i < size:
            space = _space_size(data, i, size)
            if space:
                gap = True
                i += space
                continue
            if gap and out:
                written[out] = b' '
                out += 1
            gap = False
            written[out] = data[i]
            out += 1
            i += 1
        return out


def segment_tree(root, *, max_blocks, marks=None, reveal=False):
    """``blocks.segment_tree``: the same blocks and cut flag, from libxml2's nodes."""
    cdef _Segmenter segmenter
    if (
        not isinstance(root, _Element)
        or (<_Element>root)._c_node.type != tree.XML_ELEMENT_NODE
        or _has_dtd_defaults((<_Element>root)._c_node)
    ):
        return _reference.segment_tree_reference(
            root, max_blocks=max_blocks, marks=marks, reveal=reveal
        )
    segmenter = _Segmenter.__new__(_Segmenter)
    segmenter.setup(root, max_blocks, marks, reveal)
    try:
        cut = segmenter.walk()
    except _Unsupported:
        return _reference.segment_tree_reference(
            root, max_blocks=max_blocks, marks=marks, reveal=reveal
        )
    return segmenter.blocks, cut
