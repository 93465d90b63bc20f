"""Inputs of the Spark job: listed on the driver through Hadoop's FileSystem, read as RDDs.

Any URI Hadoop can open works (local paths, ``file:``, ``hdfs://``, ``s3a://``, ``gs://``, ``abfs://``
... with the connector on the classpath). A spec is a file, a directory (read recursively,
hidden ``.`` and Hadoop's ``_`` files skipped, in sorted order: files first, then
sub-directories, as ``dateline ingest`` walks) or a glob.

* Uncompressed JSON Lines files (``.jsonl``, ``.ndjson``, ``.jsonlines``) are read with
  ``textFile`` (split by Hadoop across tasks), numbered with ``zipWithIndex`` so records keep
  their ``line N`` names.
* Everything else (WARC/WET gzipped or not, ``.jsonl.gz``, HTML, text, feeds) is read whole with
  ``binaryFiles`` and split into records inside the partition function by dateline's own
  readers (gzip damage, truncation and bad records are then reported per record, never
  thrown). ``binaryFiles`` holds one file in memory: a file over ``MAX_BINARY`` bytes fails
  with E105 (Common Crawl WARC files are about 1 GB).

Every file gets an index in listing order; with the record index inside the file it makes
the input order ``ord`` that decides, as in ``dateline ingest``, which copy of a story comes
first and is canonical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.ingest.common import failed, human_bytes, is_http_url
from dateline.ingest.identity import canonical_path
from dateline.ingest.sniff import JSONL, by_name, format_by_name
from dateline.types import FailedInput, InputRef

MAX_BINARY = 2_000_000_000  # a JVM byte array holds < 2 GiB
_LOCAL = re.compile(r"^file:/+")


@dataclass(frozen=True)
class InputFile:
    index: int
    uri: str  # fully qualified, as Hadoop names it
    locator: str  # the input's identity in the tables (``dateline.ingest.identity``): resolved local path, or the URI
    name: str
    size: int
    reader: str  # "bin" (binaryFiles) | "line" (textFile)


def locator_of(uri: str) -> str:
    """A Hadoop URI as a path: ``file:/x/y`` -> ``/x/y``; other URIs as they are."""
    return _LOCAL.sub("/", uri) if _LOCAL.match(uri) else uri


def identity_of(uri: str) -> str:
    """The identity ``dateline ingest`` gives the same file (its resolved path), computed on the driver."""
    return canonical_path(locator_of(uri))


def list_inputs(spark, specs: list[str], config) -> tuple[list[InputFile], list[FailedInput]]:
    """The files of ``specs`` in order, and a failure per spec or file that cannot be read."""
    sc = spark.sparkContext
    jvm = sc._jvm
    conf = sc._jsc.hadoopConfiguration()
    files: list[InputFile] = []
    failures: list[FailedInput] = []
    seen: set[str] = set()

    def add(st) -> None:
        uri = st.getPath().toString()
        if uri in seen:
            return
        seen.add(uri)
        name = st.getPath().getName()
        size = int(st.getLen())
        ref = InputRef(path=identity_of(uri), format=format_by_name(name))
        if size == 0:
            failures.append(failed(ref, "E101", "the file is empty"))
            return
        gz = name.lower().endswith((".gz", ".gzip"))
        reader = "line" if by_name(name) == JSONL and not gz else "bin"
        if reader == "bin" and size > MAX_BINARY:
            failures.append(failed(ref, "E105", f"the file is {human_bytes(size)}: over the {human_bytes(MAX_BINARY)} "
                                                "a Spark task reads whole; split it"))
            return
        files.append(InputFile(len(files), uri, identity_of(uri), name, size, reader))

    def walk(fs, path) -> None:
        entries = [s for s in fs.listStatus(path) if not s.getPath().getName().startswith((".", "_"))]
        entries.sort(key=lambda s: s.getPath().getName())
        for st in entries:
            if st.isFile():
                add(st)
        for st in entries:
            if st.isDirectory():
                walk(fs, st.getPath())

    for spec in specs:
        spec = str(spec)
        if is_http_url(spec):
            failures.append(failed(InputRef(url=spec), "E112", "the Spark job reads file systems, not http(s) URLs; "
                                                               "fetch them with `dateline ingest`"))
            continue
        try:
            path = jvm.org.apache.hadoop.fs.Path(spec)
            fs = path.getFileSystem(conf)
            statuses = fs.globStatus(path)
        except Exception as exc:  # unknown scheme, no connector, bad URI
            msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            failures.append(failed(InputRef(path=spec), "E112", f"cannot be listed ({msg[:300]})"))
            continue
        if not statuses:
            failures.append(failed(InputRef(path=spec), "E100", "no such file or directory"))
            continue
        for st in sorted(statuses, key=lambda s: s.getPath().toString()):
            if st.isDirectory():
                walk(fs, st.getPath())
            else:
                add(st)
    return files, failures


def read_rdd(spark, files: list[InputFile], partitions: int):
    """One RDD of partition-function items (see ``dateline.scale.partitions``) for ``files``."""
    sc = spark.sparkContext
    rdds = []
    bins = [f for f in files if f.reader == "bin"]
    if bins:
        index = {locator_of(f.uri): (f.index, f.locator, f.name) for f in bins}
        bc = sc.broadcast(index)

        def tag(kv):
            fidx, locator, name = bc.value[locator_of(kv[0])]
            return ("bin", fidx, locator, name, kv[1])

        rdd = sc.binaryFiles(",".join(f.uri for f in bins), minPartitions=max(1, min(partitions, len(bins))))
        rdds.append(rdd.map(tag))
    for f in files:
        if f.reader == "line":
            fidx, locator, name = f.index, f.locator, f.name
            lines = sc.textFile(f.uri, use_unicode=False).zipWithIndex()
            rdds.append(lines.map(lambda li, fidx=fidx, locator=locator, name=name:
                                  ("line", fidx, locator, name, li[1], li[0])))
    if not rdds:
        return sc.emptyRDD()
    return rdds[0] if len(rdds) == 1 else sc.union(rdds)
