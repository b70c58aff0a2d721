#!/usr/bin/python3
"""Compares Switchboard's classifier with fastText and TF-IDF + linear SVM.

One run trains all three on the same training set, measures accuracy and
macro-F1 on the same dev set, and measures classification throughput on the
same batch of texts (the dev texts repeated to --batch lines). Writes a
markdown section (a table and how it was measured) to --out and prints it.

    /usr/bin/python3 bench/compare_classifiers.py \
        --switchboard build/services/switchboard \
        --data ../shared/data/banking77 --out RESULTS.md

Needs the Debian packages fasttext and python3-sklearn (run it with
/usr/bin/python3: Debian's packages are not visible to other interpreters).
How each number is measured: bench/README.md.
"""

import argparse
import collections
import csv
import importlib
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time

# fastText settings: 50 epochs, subwords of 2-5 characters, word bigrams.
# -bucket 200000 (default 2000000) keeps the model at ~80 MB instead of
# ~800 MB; on BANKING77 the accuracy is the same and training is ~10 s faster.
FASTTEXT_ARGS = ("-epoch 50 -lr 0.5 -wordNgrams 2 -minn 2 -maxn 5 -dim 100 "
                 "-bucket 200000 -thread 2")


def fail(message):
    sys.exit(f"compare_classifiers: {message}")


def log(message):
    print(f"[compare] {message}", file=sys.stderr, flush=True)


def check_tools(switchboard):
    """Exits with one message naming everything that is missing."""
    missing = []
    if not (os.path.isfile(switchboard) and os.access(switchboard, os.X_OK)):
        missing.append(f"switchboard binary {switchboard!r} (build it with "
                       "scripts/build, or pass --switchboard PATH)")
    if shutil.which("fasttext") is None:
        missing.append("the `fasttext` command: install the Debian package "
                       "fasttext (apt-get install fasttext)")
    try:
        importlib.import_module("sklearn")
    except ImportError:
        hint = ""
        if os.path.realpath(sys.executable) != os.path.realpath(
                "/usr/bin/python3"):
            hint = (f"; note: this is {sys.executable}, run the script with "
                    "/usr/bin/python3")
        missing.append("scikit-learn: install the Debian package "
                       f"python3-sklearn (apt-get install python3-sklearn){hint}")
    if missing:
        fail("missing:\n  " + "\n  ".join(missing))


def read_labelled(path):
    """Returns (texts, labels) of a CSV with columns text and label."""
    if not os.path.isfile(path):
        fail(f"{path}: no such file")
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames or []
        if "text" not in header or "label" not in header:
            fail(f"{path}: expected columns text and label, found {header}")
        rows = list(reader)
    if not rows:
        fail(f"{path}: no rows")
    return [r["text"] for r in rows], [r["label"] for r in rows]


def one_line(text):
    """The text on one line (stdin and fastText read one text per line)."""
    return " ".join(text.split())


def fasttext_text(text):
    """fastText's input: lowercased, punctuation split off as in the fastText
    tutorial (fastText itself only splits on whitespace), one line."""
    return one_line(re.sub(r"([.!?,'/()\"])", r" \1 ", text.lower()))


def fasttext_label(label):
    return "__label__" + "_".join(label.split())


def write_lines(path, lines):
    with open(path, "w", encoding="utf-8") as f:
        for line in lines:
            f.write(line + "\n")


Run = collections.namedtuple("Run", "seconds cpu_seconds out")


def run(cmd, stdin_path=None, capture=True):
    """Runs cmd; returns its wall-clock and CPU (user + system) seconds and
    its stdout. Exits with the command's stderr when it fails."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    try:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run(
            cmd, stdin=stdin,
            stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
            stderr=subprocess.PIPE)
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    finally:
        if stdin_path:
            stdin.close()
    if proc.returncode != 0:
        fail(f"`{' '.join(cmd)}` exited with {proc.returncode}:\n"
             + proc.stderr.decode("utf-8", "replace").strip())
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(seconds, cpu, proc.stdout.decode("utf-8") if capture else "")


def throughput(name, cmd_for, one_path, batch_path, n, repeat):
    """Texts per second of a command without its process start and model
    load: (n - 1) / (t_batch - t_one), each time the fastest of `repeat` runs
    (one-text and batch runs alternate; output to /dev/null). Computed from
    wall-clock and, separately, from CPU seconds. cmd_for(path) returns
    (argv, stdin_path or None)."""
    one, batch = [], []
    for _ in range(repeat):
        for path, runs in ((one_path, one), (batch_path, batch)):
            argv, stdin_path = cmd_for(path)
            runs.append(run(argv, stdin_path, capture=False))
    t_one = min(r.seconds for r in one)
    t_batch = min(r.seconds for r in batch)
    cpu_one = min(r.cpu_seconds for r in one)
    cpu_batch = min(r.cpu_seconds for r in batch)
    if t_batch <= t_one or cpu_batch <= cpu_one:
        fail(f"{name}: the {n}-text batch ran no slower than one text "
             f"({t_batch:.3f} s vs {t_one:.3f} s); raise --batch")
    return {"rate": (n - 1) / (t_batch - t_one),
            "cpu_rate": (n - 1) / (cpu_batch - cpu_one),
            "one_s": t_one, "batch_s": t_batch}


def scores(gold, predicted):
    from sklearn.metrics import accuracy_score, f1_score
    return (accuracy_score(gold, predicted),
            f1_score(gold, predicted, average="macro", zero_division=0))


def bench_switchboard(sb, train_csv, dev_csv, dev_gold, work, paths, n,
                      repeat):
    model = os.path.join(work, "switchboard.model")
    log("switchboard: train")
    trained = run([sb, "train", "--data", train_csv, "--out", model])

    log("switchboard: eval")
    ev = json.loads(
        run([sb, "eval", "--model", model, "--data", dev_csv, "--json"]).out)

    # Predictions for macro-F1: `classify` reads one text per line from stdin
    # and skips empty lines; with --json each output line is an object whose
    # "id" is the input line number.
    log("switchboard: classify dev")
    out = run([sb, "classify", "--model", model, "--json", "--top-k", "1"],
              paths["dev"]).out
    by_line = {}
    for line in out.splitlines():
        obj = json.loads(line)
        by_line[int(obj["id"])] = obj["label"]
    predicted = [by_line.get(i + 1, "") for i in range(len(dev_gold))]
    if len(by_line) != len(dev_gold):
        fail(f"switchboard classify printed {len(by_line)} predictions for "
             f"{len(dev_gold)} dev texts")
    accuracy, macro_f1 = scores(dev_gold, predicted)

    log(f"switchboard: throughput ({repeat} x {n} texts)")
    speed = throughput(
        "switchboard",
        lambda p: ([sb, "classify", "--model", model, "--top-k", "1"], p),
        paths["one"], paths["batch"], n, repeat)
    return {
        "system": "Switchboard",
        "accuracy": accuracy, "macro_f1": macro_f1,
        "own": f"eval: accuracy {ev['accuracy']:.4f}, "
               f"macro-F1 {ev['macro_f1']:.4f}",
        "train_s": trained.seconds, **speed,
    }


def bench_fasttext(train, dev, work, batch_texts, n, repeat, ft_args):
    ft = shutil.which("fasttext")
    train_txt = os.path.join(work, "train.ft.txt")
    dev_txt = os.path.join(work, "dev.ft.txt")
    write_lines(train_txt, (f"{fasttext_label(l)} {fasttext_text(t)}"
                            for t, l in zip(*train)))
    write_lines(dev_txt, (f"{fasttext_label(l)} {fasttext_text(t)}"
                          for t, l in zip(*dev)))
    # The same batch as the others, in fastText's input form; preparing it is
    # not part of fastText's measured time, so time it separately.
    start = time.perf_counter()
    ft_batch = [fasttext_text(t) for t in batch_texts]
    prep_s = time.perf_counter() - start
    batch_txt = os.path.join(work, "batch.ft.txt")
    one_txt = os.path.join(work, "one.ft.txt")
    write_lines(batch_txt, ft_batch)
    write_lines(one_txt, ft_batch[:1])
    dev_unlabelled = os.path.join(work, "dev.ft.nolabel.txt")
    write_lines(dev_unlabelled, (fasttext_text(t) for t in dev[0]))

    prefix = os.path.join(work, "fasttext")
    model = prefix + ".bin"
    log(f"fasttext: train ({ft_args})")
    trained = run([ft, "supervised", "-input", train_txt, "-output", prefix,
                      "-verbose", "0"] + ft_args.split())

    log("fasttext: test")
    m = re.search(r"P@1\s+([0-9.]+)", run([ft, "test", model, dev_txt]).out)
    own = f"test: P@1 {m.group(1)}" if m else "test: P@1 not found"

    log("fasttext: predict dev")
    out = run([ft, "predict", model, dev_unlabelled]).out
    back = {fasttext_label(l): l for l in set(dev[1]) | set(train[1])}
    predicted = [back.get(line.strip(), line.strip())
                 for line in out.splitlines()]
    if len(predicted) != len(dev[1]):
        fail(f"fasttext predict printed {len(predicted)} labels for "
             f"{len(dev[1])} dev texts")
    accuracy, macro_f1 = scores(dev[1], predicted)

    log(f"fasttext: throughput ({repeat} x {n} texts)")
    speed = throughput(
        "fasttext", lambda p: ([ft, "predict", model, p], None),
        one_txt, batch_txt, n, repeat)
    return {
        "system": "fastText",
        "accuracy": accuracy, "macro_f1": macro_f1, "own": own,
        "train_s": trained.seconds, **speed,
        "prep_s": prep_s, "model_mb": os.path.getsize(model) / 1e6,
    }


def bench_sklearn(train, dev, batch_texts, n, repeat):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline, make_union
    from sklearn.svm import LinearSVC

    pipeline = make_pipeline(
        make_union(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5),
                            sublinear_tf=True)),
        LinearSVC(C=1.0))
    log("sklearn: fit")
    start = time.perf_counter()
    pipeline.fit(train[0], train[1])
    train_s = time.perf_counter() - start

    log("sklearn: predict dev")
    accuracy, macro_f1 = scores(dev[1], list(pipeline.predict(dev[0])))

    log(f"sklearn: throughput ({repeat} x {n} texts)")
    t_batch, cpu_batch = [], []
    for _ in range(repeat):
        start, cpu_start = time.perf_counter(), time.process_time()
        pipeline.predict(batch_texts)
        t_batch.append(time.perf_counter() - start)
        cpu_batch.append(time.process_time() - cpu_start)
    t_one = []
    for _ in range(max(repeat, 5)):
        start = time.perf_counter()
        pipeline.predict(batch_texts[:1])
        t_one.append(time.perf_counter() - start)
    return {
        "system": "TF-IDF + LinearSVC",
        "accuracy": accuracy, "macro_f1": macro_f1, "own": "",
        "train_s": train_s,
        "rate": n / min(t_batch), "cpu_rate": n / min(cpu_batch),
        "one_s": min(t_one),
        "batch_s": min(t_batch),
    }


def versions(sb):
    import sklearn
    out = {"scikit-learn": sklearn.__version__}
    try:
        out["fasttext"] = subprocess.run(
            ["dpkg-query", "-W", "-f", "${Version}", "fasttext"],
            capture_output=True, text=True).stdout.strip() or "?"
    except OSError:
        out["fasttext"] = "?"
    try:
        repo = os.path.dirname(os.path.abspath(__file__))
        out["switchboard"] = subprocess.run(
            ["git", "-C", repo, "describe", "--always", "--dirty"],
            capture_output=True, text=True).stdout.strip() or "?"
    except OSError:
        out["switchboard"] = "?"
    return out


def markdown(results, info):
    sb = results[0]
    lines = [
        f"### Classifier comparison: {info['dataset']}",
        "",
        f"Trained on {info['train_n']} texts, scored on {info['dev_n']} dev "
        f"texts ({info['labels']} labels). Throughput: the same "
        f"{info['n']}-text batch (the dev texts repeated) for all three, "
        f"best of {info['repeat']} runs. {info['machine']}, load average "
        f"{info['load']} (start, end); {info['versions']}. "
        f"Run took {info['total_s']:.0f} s.",
        "",
        "| system | accuracy | macro-F1 | training (s) | texts/s "
        "| Switchboard ÷ this | texts/CPU-s | Switchboard ÷ this (CPU) "
        "| one-text run (s) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['system']} | {r['accuracy']:.4f} | {r['macro_f1']:.4f} "
            f"| {r['train_s']:.1f} | {r['rate']:,.0f} "
            f"| {sb['rate'] / r['rate']:.2f}× | {r['cpu_rate']:,.0f} "
            f"| {sb['cpu_rate'] / r['cpu_rate']:.2f}× | {r['one_s']:.3f} |")
    ft, sk = results[1], results[2]
    lines += [
        "",
        "- Switchboard / fastText throughput: "
        f"**{sb['rate'] / ft['rate']:.2f}×** (CPU time: "
        f"{sb['cpu_rate'] / ft['cpu_rate']:.2f}×); Switchboard / TF-IDF + "
        f"LinearSVC: **{sb['rate'] / sk['rate']:.2f}×** (CPU time: "
        f"{sb['cpu_rate'] / sk['cpu_rate']:.2f}×). texts/CPU-s is the same "
        "measurement with user + system CPU seconds in place of wall-clock "
        "seconds; it is less disturbed by other work on the machine.",
        "- Switchboard: `switchboard train` (defaults), "
        "`switchboard classify --top-k 1` on stdin. texts/s = "
        "(N − 1) / (t_N − t_1), where t_1 (one text: process start + model "
        f"load) = {sb['one_s']:.3f} s and t_N = {sb['batch_s']:.3f} s. "
        f"Cross-check, {sb['own']}.",
        f"- fastText: `fasttext supervised {info['ft_args']}` "
        f"(model {ft['model_mb']:.0f} MB; two training threads make its "
        "accuracy vary by a few tenths of a point between runs), text "
        "lowercased with punctuation split off; `fasttext predict` on a "
        "file, texts/s as for Switchboard "
        f"(t_1 = {ft['one_s']:.3f} s, t_N = {ft['batch_s']:.3f} s). "
        f"Preparing the batch in Python ({ft['prep_s']:.2f} s) is not "
        f"counted. Cross-check, {ft['own']}.",
        "- TF-IDF + LinearSVC (scikit-learn): word 1–2-grams + char_wb "
        "2–5-grams, sublinear tf, LinearSVC(C=1). Training = `fit`; texts/s "
        "= N / seconds of an in-process `predict` of the whole batch "
        f"({sk['batch_s']:.3f} s, vectorizing included, no start-up); "
        "its one-text run = in-process `predict` of one text (for the other "
        "two it is a whole process: start, model load, one text).",
        "- Training seconds: wall time of the `train` / `supervised` process "
        "for Switchboard and fastText (reading the data and writing the "
        "model included), of `fit` for scikit-learn (data already in "
        "memory). Accuracy and macro-F1 from each system's own predictions "
        "on dev, scored with scikit-learn. See bench/README.md.",
        "",
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(
        description="Compare Switchboard, fastText and TF-IDF + LinearSVC on "
                    "one labelled data set (train.csv -> dev.csv).")
    parser.add_argument("--switchboard", default="build/services/switchboard",
                        help="the switchboard binary [%(default)s]")
    parser.add_argument("--data", default="../shared/data/banking77",
                        help="folder with train.csv and dev.csv (columns "
                             "text,label) [%(default)s]")
    parser.add_argument("--out", required=True,
                        help="markdown file to write the section to")
    parser.add_argument("--append", action="store_true",
                        help="append to --out instead of replacing it")
    parser.add_argument("--batch", type=int, default=50000,
                        help="texts in the throughput batch [%(default)s]")
    parser.add_argument("--repeat", type=int, default=5,
                        help="timing runs per measurement; the best counts "
                             "[%(default)s]")
    parser.add_argument("--workdir",
                        help="keep the temporary files here (default: a "
                             "temporary folder, removed afterwards)")
    parser.add_argument("--fasttext-args", default=FASTTEXT_ARGS,
                        help="options of `fasttext supervised` "
                             "[%(default)s]")
    args = parser.parse_args()
    if not 2 <= args.batch <= 5_000_000:
        fail("--batch must be between 2 and 5000000")
    if args.repeat < 1:
        fail("--repeat must be at least 1")

    check_tools(args.switchboard)
    sb = os.path.abspath(args.switchboard)
    train_csv = os.path.join(args.data, "train.csv")
    dev_csv = os.path.join(args.data, "dev.csv")
    train, dev = read_labelled(train_csv), read_labelled(dev_csv)

    started = time.perf_counter()
    load_start = os.getloadavg()[0]
    if args.workdir:
        os.makedirs(args.workdir, exist_ok=True)
        work = os.path.abspath(args.workdir)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="compare_classifiers.")
        work = tmp.name

    # One text per line, cycled to the batch size: the same texts for all.
    dev_lines = [one_line(t) for t in dev[0]]
    if any(not t for t in dev_lines):
        fail(f"{dev_csv}: a row has empty text")
    batch_texts = [dev_lines[i % len(dev_lines)] for i in range(args.batch)]
    paths = {name: os.path.join(work, name + ".txt")
             for name in ("dev", "batch", "one")}
    write_lines(paths["dev"], dev_lines)
    write_lines(paths["batch"], batch_texts)
    write_lines(paths["one"], batch_texts[:1])

    results = [
        bench_switchboard(sb, train_csv, dev_csv, dev[1], work, paths,
                          args.batch, args.repeat),
        bench_fasttext(train, dev, work, batch_texts, args.batch,
                       args.repeat, args.fasttext_args),
        bench_sklearn(train, dev, batch_texts, args.batch, args.repeat),
    ]
    v = versions(sb)
    info = {
        "dataset": os.path.basename(os.path.normpath(args.data)),
        "train_n": len(train[0]), "dev_n": len(dev[0]),
        "labels": len(set(train[1])), "n": args.batch,
        "repeat": args.repeat, "ft_args": args.fasttext_args,
        "machine": f"{os.cpu_count()} CPUs ({platform.machine()})",
        "load": f"{load_start:.1f}, {os.getloadavg()[0]:.1f}",
        "versions": f"switchboard repo at {v['switchboard']}, fasttext "
                    f"{v['fasttext']}, scikit-learn {v['scikit-learn']}",
        "total_s": time.perf_counter() - started,
    }
    section = markdown(results, info)
    with open(args.out, "a" if args.append else "w", encoding="utf-8") as f:
        f.write(section)
    print(section)
    if not args.workdir:
        tmp.cleanup()


if __name__ == "__main__":
    main()
