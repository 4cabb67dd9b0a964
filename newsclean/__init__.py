"""newsclean: strip web boilerplate from news pages.

>>> from newsclean import clean
>>> article = clean(page_bytes, url="https://example.com/news/1")  # doctest: +SKIP
>>> article.text, article.title, article.date  # doctest: +SKIP
"""

from newsclean.api import clean
from newsclean.errors import ExtractionFailed, InputTooLarge, NewscleanError, RuleError
from newsclean.model import Article, Block, Features, Kind
from newsclean.rules import RuleSet
from newsclean.settings import Settings

__all__ = [
    "Article",
    "Block",
    "ExtractionFailed",
    "Features",
    "InputTooLarge",
    "Kind",
    "NewscleanError",
    "RuleError",
    "RuleSet",
    "Settings",
    "clean",
]
__version__ = "0.1.0"
