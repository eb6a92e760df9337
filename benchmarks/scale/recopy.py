#!/usr/bin/python3
"""benchmarks/scale/recopy.py FROM TO: copies the Xapian database FROM into a
new database TO through one writer, document by document (same docids, data,
values, terms and positions; then the metadata, spellings and synonyms), and
prints the number of entries of each one's postlist table.

Why: Byline's bulk build merges its segments with Xapian's compact, which
copies every source's posting-list chunks as they are (glass_compact.cc,
merge_postlists: it rewrites the first chunk's header and the last-chunk
flag, never joins two chunks), so a term found in S segments keeps at least
S chunks, and compacting the result again changes nothing. One writer
appends each flush to the term's last chunk until it is full, so the copy
holds each posting list in as few chunks as Xapian makes; it is then
compacted (which keeps those chunks) so that both databases are as packed:
the reference against which the merged database's fragmentation is measured
(entries, and query time with benchmarks/scale/run). Needs python3-xapian
(Debian)."""
import shutil
import subprocess
import sys

import xapian


def postlist_items(path):
    out = subprocess.run(["xapian-check", f"{path}/postlist.glass"], capture_output=True,
                         text=True).stdout
    for word in out.split():
        if word.startswith("items="):
            return int(word[len("items="):])
    return None


def main():
    src_path, dst_path = sys.argv[1], sys.argv[2]
    src = xapian.Database(src_path)
    # Flush rarely (every 100,000 documents): fewer, fuller appends.
    one_writer = dst_path + ".one-writer"
    dst = xapian.WritableDatabase(one_writer, xapian.DB_CREATE | xapian.DB_BACKEND_GLASS
                                  | xapian.DB_NO_SYNC)
    pending = 0
    for post in src.postlist(""):
        dst.replace_document(post.docid, src.get_document(post.docid))
        pending += 1
        if pending == 100000:
            dst.commit()
            pending = 0
    for key in src.metadata_keys():
        dst.set_metadata(key, src.get_metadata(key))
    for word in src.spellings():
        dst.add_spelling(word.term, word.termfreq)
    for key in src.synonym_keys():
        for synonym in src.synonyms(key):
            dst.add_synonym(key, synonym)
    dst.commit()
    dst.close()
    xapian.Database(one_writer).compact(dst_path, xapian.Compactor.FULL)
    shutil.rmtree(one_writer)
    print(f"{postlist_items(src_path)} {postlist_items(dst_path)}")


main()
