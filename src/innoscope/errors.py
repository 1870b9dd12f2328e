"""One catalogue of user-facing errors.

Every mistake a user can make with their inputs raises :class:`InnoscopeError`
with a code from :class:`E` and a message that says where (file, row, column or
node), what was found and what to do.  The CLI prints the message on one line
and exits with status 2; the API will reuse the same code and text.

>>> err = InnoscopeError(E.DUPLICATE_ROWS, where="data.csv", detail="rows 3 and 7 repeat (AUT, GDP, 2018)")
>>> err.kind.code, err.where
('E102', 'data.csv')
>>> str(err).endswith("rows 3 and 7 repeat (AUT, GDP, 2018). Keep one row per unit, indicator and period.")
True
"""

from __future__ import annotations

from enum import Enum

__all__ = ["E", "InnoscopeError"]


class E(Enum):
    """Error codes with their message template and the advice that follows."""

    # files and workspaces
    FILE_MISSING = (
        "E001",
        "file not found",
        "Check the path, or set the data directory with --data-dir or INNOSCOPE_DATA.",
    )
    FILE_FORMAT = ("E002", "unsupported file type", "Use .csv, .xlsx or .parquet.")
    FILE_EMPTY = ("E003", "the file holds no data rows", "Check that the right file was named.")
    FILE_UNREADABLE = ("E004", "the file cannot be read", "Save it as UTF-8 CSV, .xlsx or .parquet.")
    WORKSPACE_INVALID = ("E010", "invalid workspace settings", "Fix the setting named above in innoscope.yaml.")
    # panel data
    MISSING_COLUMN = (
        "E101",
        "a required column is missing",
        "Name the column in the workspace's data settings or rename it in the file.",
    )
    DUPLICATE_ROWS = (
        "E102",
        "duplicate (unit, indicator, period) rows",
        "Keep one row per unit, indicator and period.",
    )
    NON_NUMERIC = (
        "E103",
        "non-numeric value",
        "Write numbers with a dot as decimal separator; leave the cell empty for a missing value.",
    )
    UNKNOWN_INDICATOR = ("E104", "unknown indicator code", "Use a code that the framework defines.")
    MISSING_INDICATOR = (
        "E105",
        "indicator missing from the data",
        "Add the indicator to the data or remove it from the framework.",
    )
    UNKNOWN_UNIT = ("E106", "unknown unit", "Use a unit code that appears in the data.")
    NOT_FINITE = ("E107", "infinite value", "Replace it with a finite number or leave the cell empty.")
    EMPTY_PERIOD = (
        "E108",
        "empty period",
        "Give every row its period, or leave the period column out of the data settings for a one-period table.",
    )
    # frameworks
    FRAMEWORK_CYCLE = ("E201", "the framework has a cycle", "Each node's parent chain must end at the root.")
    FRAMEWORK_ORPHAN = ("E202", "a node's parent is not defined", "Define the parent node or correct the parent code.")
    FRAMEWORK_ROOT = ("E203", "the framework must have exactly one root", "Give every node but the index a parent.")
    FRAMEWORK_DUPLICATE = ("E204", "a node code is defined twice", "Give every node a unique code.")
    BAD_WEIGHT = ("E205", "invalid weight", "Weights must be finite and >= 0, and not all zero among siblings.")
    BAD_DIRECTION = ("E206", "invalid direction", "Use 1 (higher is better) or -1 (lower is better).")
    FRAMEWORK_FIELD = ("E207", "invalid framework field", "Fix the field named above.")
    FRAMEWORK_LEVEL = ("E208", "inconsistent levels", "A parent's level must be above each child's level.")
    # methods
    UNKNOWN_METHOD = ("E301", "unknown method", "Choose one of the methods listed.")
    BAD_PARAMETER = ("E302", "invalid method parameter", "Fix the parameter named above.")
    GMEAN_NONPOSITIVE = (
        "E303",
        "a geometric or harmonic mean needs values > 0",
        "Normalise onto a strictly positive range, e.g. minmax with l=1, u=100.",
    )
    LEVEL_NO_DATA = ("E304", "a level has no data", "Check the data availability threshold and the indicators' data.")
    NO_UNITS_LEFT = (
        "E305",
        "no unit passes the data-availability screen",
        "Lower the screening threshold or add data.",
    )
    # methods: weights, engines and sensitivity (E310-E319)
    PCA_LOADINGS_CANCEL = (
        "E310",
        "the first principal component's loadings sum to zero, so they cannot be scaled into weights",
        "Use `weights: {method: pca}` (squared loadings) or given weights for this index.",
    )
    UNKNOWN_ENGINE = ("E311", "unknown engine", "Choose the engine `local` or `dask`.")
    SCHEDULER_WITHOUT_DASK = (
        "E312",
        "a scheduler address needs the Dask engine",
        "Add --engine dask, or leave out --scheduler to run locally.",
    )
    SCHEDULER_UNREACHABLE = (
        "E313",
        "the Dask scheduler cannot be reached",
        "Check the address (tcp://HOST:PORT) and that the scheduler is running, or use --engine local.",
    )
    SOBOL_TOO_FEW = (
        "E314",
        "too few base samples for Sobol indices",
        "Give --runs as a power of two at least as large as the minimum stated.",
    )
    # command-line options, plots, replayed designs and audit sizes (E320-E339)
    BAD_OPTION = (
        "E320",
        "invalid command-line option",
        "Fix the option named above (`innoscope COMMAND --help` lists its values); the workspace file is not changed.",
    )
    PLOT_FORMAT = (
        "E321",
        "unsupported plot format",
        "Name the plot file with one of the extensions listed, e.g. ua.png or ua.svg.",
    )
    DESIGN_METHOD = (
        "E322",
        "unknown method in a COINr design",
        "Use one of the COINr functions listed, and declare its method among the workspace's uncertainty inputs.",
    )
    TOO_FEW_UNITS = (
        "E323",
        "too few units for the audit statistics",
        "Audit a panel with at least three units scored in the period: statistics, correlations and reliability "
        "compare units.",
    )
    # store
    RUN_NOT_FOUND = ("E401", "run not found", "List the stored runs with `innoscope index runs`.")
    STORE_MISSING = (
        "E402",
        "no store at this path",
        "Build a run first (`innoscope index build WORKSPACE`), or name an existing store with --db.",
    )
    STORE_NEWER = (
        "E403",
        "the store was written by a newer innoscope",
        "Upgrade innoscope to read it, or use another store.",
    )
    STORE_BUSY = (
        "E404",
        "the store is busy",
        "Another innoscope process is writing to it: try again, or wait longer with INNOSCOPE_STORE_TIMEOUT=SECONDS.",
    )
    STORE_UNREADABLE = (
        "E405",
        "the store cannot be opened",
        "Check that the file is an innoscope store (a DuckDB file) and not damaged.",
    )
    BAD_ENVIRONMENT = ("E406", "invalid environment variable", "Set it to a number, or unset it.")
    NOT_IN_RUN = ("E407", "not in this run", "Use one of the values listed.")
    AUDIT_NOT_FOUND = (
        "E408",
        "no stored audit",
        "Run `innoscope audit uncertainty WORKSPACE` (or with --sobol) first; it stores its results.",
    )
    # reading reports: facts and entities
    NO_PHRASES = (
        "E501",
        "no indicator of the framework names the phrases reports use for it",
        "List them under `phrases:` of each indicator to map (phrases: [发明专利授权, invention patents granted]).",
    )
    BAD_STATUS = ("E502", "unknown fact status", "Use actual, estimate or target (several separated by commas).")
    NO_DOCUMENT_READ = (
        "E503",
        "none of the documents could be read",
        "Fix or remove the files named above; each is reported with its own error.",
    )
    # data sources
    UNKNOWN_SOURCE = ("E901", "unknown data source", "List the registered sources with `innoscope data list`.")
    CHECKSUM_MISMATCH = (
        "E902",
        "the file differs from the registered release (SHA-256 mismatch)",
        "Delete the file and fetch it again with `innoscope data pull NAME`, or point --data-dir at the right copy.",
    )
    DOWNLOAD_FAILED = (
        "E903",
        "download failed",
        "Check the network connection, or copy the file from a data mirror into the data directory.",
    )
    # scientometrics: records, addresses, counts, clusters
    RECORDS_FORMAT = (
        "E601",
        "not a records file innoscope reads",
        "Give a Web of Science plain-text or tab-delimited export, a Scopus CSV, a bibliometrix .rda, "
        "a patent CSV (columns in the README) or a file written by `innoscope records read`.",
    )
    RECORDS_EMPTY = ("E602", "no valid record in the input", "Check the file; its problems are listed above.")
    RECORDS_ENCODING = (
        "E603",
        "the records file cannot be decoded",
        "Export it again as UTF-8 or UTF-16 (the database's own export options).",
    )
    RECORDS_COLUMN = (
        "E604",
        "a required column of the records file is missing",
        "Add the column named above, or export the records again with all fields.",
    )
    COUNT_OPTION = ("E605", "invalid counting option", "Use one of the values listed.")
    JOURNAL_SET = (
        "E606",
        "unknown journal set",
        "Name a shipped set (listed above) or give a file of journal titles, one per line, with --journals.",
    )
    POINTS_INVALID = (
        "E607",
        "invalid point",
        "Give lat in [-90, 90], lon in [-180, 180], a weight > 0 and kind patent or paper.",
    )
    CLUSTER_PARAMETER = ("E608", "invalid clustering parameter", "Give a radius > 0 km and a minimum mass > 0.")
    SHARE_REFERENCE = (
        "E609",
        "the reference of a share has no count",
        "Name a country (ISO alpha-3) present among the records' addresses.",
    )
    # China regional evaluation (E920-E939)
    CHINA_SERIES_MISSING = (
        "E920",
        "a yearbook series the China framework needs is missing",
        "Check the yearbook file against its checksum (`innoscope data list --verify`) or pull it again.",
    )
    CHINA_UNIT_MISMATCH = (
        "E921",
        "a yearbook series is in an unexpected unit",
        "Convert the series to the unit named, or correct its unit label in the source table.",
    )
    CHINA_NO_RESULT = (
        "E922",
        "the build has no result for a year the check against the published results needs",
        "Build the index for the data years named (report year minus two), e.g. the whole 2011-2023 panel.",
    )
    CHINA_NO_FRAMEWORK_NODE = (
        "E923",
        "the framework lacks a node the China check needs",
        "Use the shipped china_regional_sti framework, or one with the same five dimensions and root.",
    )
    CHINA_BAD_VALUE = (
        "E924",
        "an implausible value in a China source table",
        "Compare the cell with the upstream file; a population must be a positive number.",
    )
    # reports and the workbook (E700-E799)
    REPORT_FORMAT = (
        "E701",
        "unknown output format",
        "Name the output file with one of the extensions listed (.html, .pdf, .docx, .md, .json; .xlsx for export).",
    )
    REPORT_LANG = ("E702", "unknown report language", "Use --lang zh or --lang en.")
    REPORT_TEMPLATES = ("E703", "template folder not found", "Name a folder holding copies of the report templates.")
    REPORT_TEMPLATE_SYNTAX = (
        "E704",
        "template syntax error",
        "Fix the template at the line named (Jinja2 syntax), or remove it to use the shipped one.",
    )
    REPORT_TEMPLATE_RENDER = (
        "E705",
        "template failed to render",
        "Use only the names the sentence models give (see the shipped templates), or remove the file.",
    )
    REPORT_UNSOURCED_NUMBER = (
        "E706",
        "a number in the report has no source",
        "Print numbers from the sentence models ({{ x.value }} objects) instead of writing digits into the template.",
    )
    REPORT_ENGINE = (
        "E707",
        "the output format needs a component that is missing",
        "Install the system libraries named (./dev sets them up), or write another format.",
    )
    REPORT_FONT = (
        "E708",
        "no font with Chinese characters",
        "Install one (./dev installs fonts-noto-cjk, or apt-get install fonts-noto-cjk), or write with --lang en.",
    )
    REPORT_WRITE = ("E709", "cannot write the output file", "Check that the folder exists and is writable.")
    REPLAY_MISMATCH = (
        "E710",
        "the run's data steps cannot be replayed as stored",
        "The run was written by another version of innoscope's data steps: build it again to export its stages.",
    )
    # measures and published sources (E940-E959)
    MEASURE_AMBIGUOUS = (
        "E940",
        "the data hold several measures of an indicator",
        "Choose one with `data: {measure: NAME}` in innoscope.yaml or `measure:` on the framework's node.",
    )
    MEASURE_ABSENT = (
        "E941",
        "the data hold no such measure of an indicator",
        "Use a measure the data hold (`innoscope data show SOURCE` lists them) or remove the node's `measure:`.",
    )
    MEASURE_NAME = (
        "E942",
        "invalid measure name",
        "A measure is a lower-case name such as raw, score, rank or relative.",
    )
    COUNTRY_UNKNOWN = (
        "E943",
        "a country name or code of the source is not in the gazetteer",
        "Report the spelling so it can be added to innoscope.geo; nothing was guessed.",
    )
    NODE_NOT_IN_RESULT = (
        "E944",
        "no such node in the build",
        "Name nodes of the workspace's framework (the index, its aggregates or indicators).",
    )

    # the server (innoscope serve: API and dashboard)
    TOKEN_REQUIRED = (
        "E800",
        "this request needs a bearer token",
        "Send `Authorization: Bearer TOKEN` with the server's token (its --token-file, or the dashboard's session).",
    )
    TOKEN_WRONG = ("E801", "the bearer token is wrong", "Use the token written in the server's --token-file.")
    UPLOAD_TOO_LARGE = (
        "E802",
        "the upload is too large",
        "Send a smaller file, or start the server with a larger --max-upload-mb.",
    )
    UPLOAD_EMPTY = ("E803", "the uploaded file is empty", "Choose the file again; it holds no bytes.")
    UPLOAD_EXTENSION = ("E804", "this kind of file is not accepted here", "Upload one of the extensions listed.")
    UPLOAD_CONTENT = (
        "E805",
        "the file's content does not match its type",
        "Upload the file with its own extension (a PDF as .pdf, text as .txt) and content type.",
    )
    UPLOAD_FORM = (
        "E806",
        "the upload is not a multipart form with one `file` field",
        "Send multipart/form-data with the file in the field `file`.",
    )
    BAD_REQUEST = ("E807", "invalid request", "Fix the parameter named above; /docs describes every endpoint.")
    NOT_FOUND = ("E808", "not found", "Check the address; /docs lists the endpoints.")
    NO_WORKSPACE = (
        "E809",
        "this server has no workspace to run",
        "Start it with a workspace folder (`innoscope serve WORKSPACE`), not a store alone.",
    )
    HOST_REFUSED = (
        "E810",
        "refusing to listen beyond this machine without a token",
        "Give --token-file FILE (a file holding a secret of 16 or more characters), or serve on 127.0.0.1.",
    )
    DOCUMENT_TEXT_MISSING = (
        "E811",
        "the document's text cannot be read back",
        "Store the document again (`innoscope extract FILE --store`, or upload it) from its original file.",
    )
    TOKEN_FILE = (
        "E812",
        "the token file cannot be used",
        "Write a secret of 16 or more characters (one line) into the file, readable by the server only.",
    )
    HOST_HEADER = (
        "E813",
        "the request names a host this server does not answer",
        "Open the dashboard at the address the server printed (e.g. http://127.0.0.1:8000/).",
    )
    METHOD_NOT_ALLOWED = ("E814", "method not allowed here", "Use the method /docs gives for this address.")
    REPORTS_UNAVAILABLE = (
        "E815",
        "reports cannot be generated by this installation",
        "Install innoscope with its report package, or write reports with the command line.",
    )
    INTERNAL = ("E899", "internal error", "The server's log holds the details; please report it with them.")

    @property
    def code(self) -> str:
        return self.value[0]

    @property
    def title(self) -> str:
        return self.value[1]

    @property
    def advice(self) -> str:
        return self.value[2]


class InnoscopeError(Exception):
    """A user mistake: bad input, settings or references.

    Parameters
    ----------
    kind : E
        The catalogue entry.
    where : str
        File, ``file:row``, column, node or setting the error is about.
    detail : str
        What was found.
    """

    def __init__(self, kind: E, where: str = "", detail: str = "") -> None:
        self.kind = kind
        self.where = where
        self.detail = detail
        super().__init__(self._message())

    def _message(self) -> str:
        head = f"{self.kind.code} {self.where}: " if self.where else f"{self.kind.code} "
        body = self.kind.title + (f": {self.detail}" if self.detail else "")
        return f"{head}{body}. {self.kind.advice}"

    def as_dict(self) -> dict[str, str]:
        """The error as plain data, for JSON bodies and logs."""
        return {
            "code": self.kind.code,
            "title": self.kind.title,
            "where": self.where,
            "detail": self.detail,
            "advice": self.kind.advice,
        }
