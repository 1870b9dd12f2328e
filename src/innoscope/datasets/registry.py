"""The named public data sources: where each file comes from, its checksum and licence.

Files live in a data directory (``--data-dir``, else ``$INNOSCOPE_DATA``, else
``~/.cache/innoscope/data``) under the same relative paths as upstream, so a
mirror of the upstream repositories can serve as the data directory as it is.
``pull`` downloads what is missing and refuses a file whose SHA-256 differs.

>>> sorted(SOURCES)[:4]
['asem', 'china-gdp', 'china-population', 'china-sti-yearbook']
>>> SOURCES["gii-2019"].files[0].path
'gii-2019/innovation_report_graphs/2019_update/data/2019_data.csv'
"""

from __future__ import annotations

import hashlib
import os
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from innoscope.errors import E, InnoscopeError

__all__ = ["SOURCES", "DataFile", "Source", "default_data_dir", "ensure", "pull", "require", "sha256_file", "status"]


def default_data_dir(explicit: str | Path | None = None) -> Path:
    """The data directory: ``explicit``, else ``$INNOSCOPE_DATA``, else the user cache."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("INNOSCOPE_DATA")
    if env:
        return Path(env).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "innoscope" / "data"


@dataclass(frozen=True)
class DataFile:
    path: str  # relative to the data directory
    sha256: str
    url: str | None  # None: not downloadable (a conversion, or a file of the mirror only)


@dataclass(frozen=True)
class Source:
    name: str
    title: str
    licence: str
    files: tuple[DataFile, ...]


def _gh(repo: str, commit: str, path: str) -> str:
    return f"https://raw.githubusercontent.com/{repo}/{commit}/{path}"


_TECHME = ("huhuaping/techme", "9ad60a190dec4a56953da9c478d42cd44c80762a")
_YEARBOOK = {
    "RDIntense": "7bcad48ed2079b38f3194618fd8f89e142a16dce302232d40676657689eeb855",
    "RDActivity": "3765b24496f9e2617ecbb9ad05a781614f0659e497bdcafa28ae8c8171333838",
    "RDSource": "45ab0d7f8aea56c314dfaf66101fd8e0b76835bf7adbe46915cd62788dbfefc5",
    "RDLaborHour": "10f9608f70bd249a593268c91b0cabe96e1aea4f140d53e0c8bed2095477c9c5",
    "RDPatentAccept": "003623329573c65229f2e5cfced46bd63bbfcc1aa1b3c3fd88ae2b54fb5be0ff",
    "RDPatentAuthority": "189a2e5404be0c74c31312022fa8815aed455b5279aa47603bcd132b6d5476fa",
    "RDPatentValid": "c2593c4f125da01380f0f53e67169eb2515d6c519cc207eca459953106a46b59",
    "RDPaperInternational": "43fab3e5059568b2d9d6387139d8b79d7a91515f2ef89b69b301c2cdd64ac91c",
    "MarketPull": "acb18e272571d1b9ace2fc3593516bda7d8584e289b9a4d088c645d382442a2e",
    "PublicBudget": "71cb2f170717c6d49e8e856c6edacc85b6a936d9e8d96ae9ce4d26185cd34e9f",
    "IndustryRD": "a14e1c62cf36837d14b7c60fa55635cd1c115052f7623444197d94699570f945",
    "HitechFirmsPub": "196bcf15b11fa95997a1ad021452ba64cb15c2b34465ab9f4b27b88272d6cabc",
    # added later, same snapshot: contracts sold, high-tech industry operation and trade
    "MarketPush": "6426272939f6526c40e7ec65faef93e940e797934af94250f623ca7341a9b913",
    "IndustryOperation": "72be44e31fc6f68d1ae44120393f1e784e7364337a376725762e79505df90ccb",
    "IndustryTrade": "46f0fef1ea942fff4e9759f1ef65641432b7d7a8250bac679a8a9f4ceab9e9c1",
}
_POPULATION = ("pik-piam/PyPSA-China-PIK", "25c83bfb37bc7d81f3058d3f8271fa34383d63ee")
_POPULATION_PATH = "resources/data/population/historical_population.csv"
_GDP_PATH = "step2_obtain_gdp_data/inputs/gdp_data/regional/CHN/AnnualbyProvince.xls"
_GII_PATH = "innovation_report_graphs/2019_update/data/2019_data.csv"

SOURCES: dict[str, Source] = {
    s.name: s
    for s in (
        Source(
            "china-sti-yearbook",
            "China Statistical Yearbook on Science and Technology, provincial tables (R package techme)",
            "MIT (techme); statistics published by NBS/MOST",
            tuple(
                DataFile(f"china-sti-yearbook/data/{n}.rda", h, _gh(*_TECHME, f"data/{n}.rda"))
                for n, h in _YEARBOOK.items()
            ),
        ),
        Source(
            "china-gdp",
            "NBS gross regional product by province, 2004-2023 (亿元)",
            "published by NBS; no licence stated upstream",
            (
                DataFile(
                    f"china-gdp/{_GDP_PATH}",
                    "7f08ebefa07e52b209eec0fcc9ad2faa29cd01863a7bc36e188ac871b4ae7b1d",
                    _gh(
                        "jialingzhang0730/Local_GDP_Estimates_Around_the_World",
                        "c5b5de2f6a1659739e7be30c26f9225d3ef03c7c",
                        _GDP_PATH,
                    ),
                ),
            ),
        ),
        Source(
            "china-population",
            "NBS year-end resident population by province, 2005-2024 (万人), via PyPSA-China-PIK",
            "MIT (PyPSA-China-PIK repository); official statistics published by NBS",
            (
                DataFile(
                    f"china-population/{_POPULATION_PATH}",
                    "edd4dfc2033b8d9627e0f5896f1f16ae501fb24a54da4d90b60b87f9f1d4b1c3",
                    _gh(*_POPULATION, _POPULATION_PATH),
                ),
            ),
        ),
        Source(
            "gii-2019",
            "WIPO Global Innovation Index 2019, full economy data",
            "GII 2019 (Cornell/INSEAD/WIPO); check WIPO's terms",
            (
                DataFile(
                    f"gii-2019/{_GII_PATH}",
                    "e98dbb971857a88495c8dd986f8c297715026f09dbfaaace1ad8647ed932d517",
                    _gh(
                        "USStudiesCentre/global_innovation_index_2019",
                        "b77a0a5e9fbfa1014df12a05c0f4da4d1b76c5f3",
                        _GII_PATH,
                    ),
                ),
            ),
        ),
        Source(
            "eis-2023",
            "European Innovation Scoreboard 2023 database",
            "Apache-2.0 (repository); data by the European Commission",
            (
                DataFile(
                    "eis-2023/EIS_Data_Stratified.xlsx",
                    "c40488283a188a8e13bd8fdc6615e714c1800795df50488d9abc8df287f44c4f",
                    _gh(
                        "DiogoRibeiro7/insights_european_innovation_scoreboard",
                        "301c2e38a601eb2a9b1e4f682ca3610f155f3414",
                        "EIS_Data_Stratified.xlsx",
                    ),
                ),
            ),
        ),
        Source(
            "worldbank-rd",
            "World Bank WDI GB.XPD.RSDV.GD.ZS, R&D expenditure (% of GDP)",
            "CC BY 4.0 (World Bank WDI)",
            (
                DataFile(
                    "worldbank-rd/data/wb_rd_expenditure_2000_2023.csv",
                    "c88774e346fe32a4758e1cfeb0042a9af84eee5fadb355a3358a2297fdb3c1d7",
                    _gh(
                        "K-Ashik/global-innovation-gap",
                        "66fe6f06ce18bac6672a4f4d0ed2bb632a555fa8",
                        "data/wb_rd_expenditure_2000_2023.csv",
                    ),
                ),
            ),
        ),
        Source(
            "asem",
            "COINr's ASEM example data (iData, iMeta; CSV conversions of COINr's .rda)",
            "MIT (COINr, EU JRC)",
            (
                DataFile(
                    "asem/ASEM_iData.csv", "2ab22acfc225ed409c9be92e9a904febcda5205100d5f8d5706aee391c588847", None
                ),
                DataFile(
                    "asem/ASEM_iMeta.csv", "12e3d36957e671279ecf355829b132d3aa8f2653c1c30f4c23f0b2a36c75e08a", None
                ),
            ),
        ),
    )
}


def sha256_file(path: Path) -> str:
    """SHA-256 of a file, read in blocks."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _source(name: str) -> Source:
    if name not in SOURCES:
        raise InnoscopeError(
            E.UNKNOWN_SOURCE, where="data source", detail=f"{name!r}; known: {', '.join(sorted(SOURCES))}"
        )
    return SOURCES[name]


def status(name: str, data_dir: str | Path | None = None, verify: bool = False) -> str:
    """``present``, ``missing``, ``incomplete`` or (with ``verify``) ``corrupt``."""
    root = default_data_dir(data_dir)
    files = _source(name).files
    here = [root / f.path for f in files if (root / f.path).is_file()]
    if not here:
        return "missing"
    if len(here) < len(files):
        return "incomplete"
    if verify and any(sha256_file(root / f.path) != f.sha256 for f in files):
        return "corrupt"
    return "present"


def require(name: str, data_dir: str | Path | None = None, verify: bool = True) -> Path:
    """The data directory, after checking that every file of ``name`` is there (and intact)."""
    root = default_data_dir(data_dir)
    for f in _source(name).files:
        p = root / f.path
        if not p.is_file():
            how = f"run `innoscope data pull {name}`" if f.url else "copy it from the project's data mirror"
            raise InnoscopeError(
                E.FILE_MISSING, where=str(p), detail=f"part of data source {name}; {how} (data directory {root})"
            )
        if verify and sha256_file(p) != f.sha256:
            raise InnoscopeError(E.CHECKSUM_MISMATCH, where=str(p), detail=f"part of data source {name}")
    return root


def _download(url: str) -> bytes:  # pragma: no cover - network
    with urllib.request.urlopen(url, timeout=60) as resp:
        return resp.read()


def pull(name: str, data_dir: str | Path | None = None, fetch: Callable[[str], bytes] | None = None) -> list[Path]:
    """Download the missing files of ``name`` and verify their checksums; returns what was written."""
    fetch = fetch or _download
    root = default_data_dir(data_dir)
    written = []
    for f in _source(name).files:
        dest = root / f.path
        if dest.is_file() and sha256_file(dest) == f.sha256:
            continue
        if f.url is None:
            raise InnoscopeError(
                E.FILE_MISSING, where=str(dest), detail=f"{name} cannot be downloaded; copy it from the data mirror"
            )
        try:
            body = fetch(f.url)
        except OSError as exc:
            raise InnoscopeError(E.DOWNLOAD_FAILED, where=f.url, detail=f"{name}: {exc}") from None
        digest = hashlib.sha256(body).hexdigest()
        if digest != f.sha256:
            raise InnoscopeError(
                E.CHECKSUM_MISMATCH,
                where=f.url,
                detail=f"downloaded {digest[:12]}…, registered {f.sha256[:12]}…; nothing was written",
            )
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_suffix(dest.suffix + ".part")
        tmp.write_bytes(body)
        tmp.replace(dest)
        written.append(dest)
    return written


def ensure(name: str, data_dir: str | Path | None = None, fetch: Callable[[str], bytes] | None = None) -> Path:
    """The data directory with ``name`` in it: files already there are verified, missing ones pulled."""
    if status(name, data_dir) != "present":
        pull(name, data_dir, fetch=fetch)
    return require(name, data_dir)
