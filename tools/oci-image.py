#!/usr/bin/env python3
"""Test tooling: builds OCI image layouts from tar files, the way an image builder would.

Used by the tests and benchmarks to make real images from mmdebstrap root filesystems and from tars the tests
write. Not part of the product.

  oci-image.py image --layout DIR --tag TAG [--platform OS/ARCH[/VARIANT]]
               [--layer FILE[:gzip|zstd|none]]... [--history TEXT]... [--env K=V]... [--label K=V]...
               [--entrypoint JSON] [--cmd JSON] [--user U] [--workdir D] [--diff-id-override N:DIGEST]
  oci-image.py index --layout DIR --tag TAG --member TAG...

Layers are compressed deterministically (gzip mtime 0), so digests are stable across runs.
"""
import argparse
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

LAYER_TYPES = {
    "gzip": "application/vnd.oci.image.layer.v1.tar+gzip",
    "zstd": "application/vnd.oci.image.layer.v1.tar+zstd",
    "none": "application/vnd.oci.image.layer.v1.tar",
}
REF_NAME = "org.opencontainers.image.ref.name"


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return "sha256:" + digest.hexdigest()


def init_layout(layout):
    os.makedirs(os.path.join(layout, "blobs", "sha256"), exist_ok=True)
    marker = os.path.join(layout, "oci-layout")
    if not os.path.exists(marker):
        with open(marker, "w") as handle:
            json.dump({"imageLayoutVersion": "1.0.0"}, handle)
    index_path = os.path.join(layout, "index.json")
    if not os.path.exists(index_path):
        write_json(index_path, {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
                                "manifests": []})


def write_json(path, value):
    with open(path, "w") as handle:
        json.dump(value, handle, separators=(",", ":"), sort_keys=True)


def put_blob(layout, path):
    digest = sha256_file(path)
    target = os.path.join(layout, "blobs", "sha256", digest.split(":")[1])
    if not os.path.exists(target):
        shutil.copyfile(path, target)
    return digest, os.path.getsize(target)


def put_bytes(layout, data):
    with tempfile.NamedTemporaryFile(dir=layout, delete=False) as handle:
        handle.write(data)
    try:
        return put_blob(layout, handle.name)
    finally:
        os.unlink(handle.name)


def compress(source, method, workdir):
    if method == "none":
        return source
    target = os.path.join(workdir, os.path.basename(source) + "." + method)
    if method == "gzip":
        with open(source, "rb") as raw, open(target, "wb") as out:
            with gzip.GzipFile(fileobj=out, mode="wb", mtime=0, compresslevel=6, filename="") as packed:
                shutil.copyfileobj(raw, packed, 1 << 20)
    else:
        subprocess.run(["zstd", "-q", "-3", "-f", "-o", target, source], check=True)
    return target


def tag_manifest(layout, descriptor, tag):
    index_path = os.path.join(layout, "index.json")
    with open(index_path) as handle:
        index = json.load(handle)
    index["manifests"] = [m for m in index["manifests"] if m.get("annotations", {}).get(REF_NAME) != tag]
    descriptor = dict(descriptor)
    descriptor["annotations"] = {REF_NAME: tag}
    index["manifests"].append(descriptor)
    write_json(index_path, index)


def build_image(args):
    init_layout(args.layout)
    os_name, arch, *variant = args.platform.split("/")
    layers, diff_ids = [], []
    with tempfile.TemporaryDirectory(dir=args.layout) as workdir:
        for spec in args.layer:
            path, _, method = spec.partition(":")
            method = method or "gzip"
            diff_ids.append(sha256_file(path))
            digest, size = put_blob(args.layout, compress(path, method, workdir))
            layers.append({"mediaType": LAYER_TYPES[method], "digest": digest, "size": size})
    for override in args.diff_id_override:
        position, _, digest = override.partition(":")
        diff_ids[int(position)] = digest
    history = [{"created": "2024-01-01T00:00:00Z", "created_by": text} for text in args.history]
    history += [{"created": "2024-01-01T00:00:00Z", "created_by": f"layer {i}"}
                for i in range(len(history), len(layers))]
    runtime = {}
    if args.env:
        runtime["Env"] = args.env
    if args.label:
        runtime["Labels"] = dict(item.split("=", 1) for item in args.label)
    if args.entrypoint:
        runtime["Entrypoint"] = json.loads(args.entrypoint)
    if args.cmd:
        runtime["Cmd"] = json.loads(args.cmd)
    if args.user:
        runtime["User"] = args.user
    if args.workdir:
        runtime["WorkingDir"] = args.workdir
    config = {"architecture": arch, "os": os_name, "created": "2024-01-01T00:00:00Z", "config": runtime,
              "rootfs": {"type": "layers", "diff_ids": diff_ids}, "history": history}
    if variant:
        config["variant"] = variant[0]
    config_digest, config_size = put_bytes(args.layout, json.dumps(config, sort_keys=True).encode())
    manifest = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest,
                           "size": config_size},
                "layers": layers}
    manifest_digest, manifest_size = put_bytes(args.layout, json.dumps(manifest, sort_keys=True).encode())
    platform = {"os": os_name, "architecture": arch}
    if variant:
        platform["variant"] = variant[0]
    tag_manifest(args.layout, {"mediaType": manifest["mediaType"], "digest": manifest_digest, "size": manifest_size,
                               "platform": platform}, args.tag)
    print(manifest_digest)


def build_index(args):
    with open(os.path.join(args.layout, "index.json")) as handle:
        top = json.load(handle)
    members = []
    for tag in args.member:
        match = [m for m in top["manifests"] if m.get("annotations", {}).get(REF_NAME) == tag]
        if not match:
            sys.exit(f"oci-image.py: no manifest tagged {tag} in {args.layout}")
        member = {k: v for k, v in match[0].items() if k != "annotations"}
        members.append(member)
    index = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": members}
    digest, size = put_bytes(args.layout, json.dumps(index, sort_keys=True).encode())
    tag_manifest(args.layout, {"mediaType": index["mediaType"], "digest": digest, "size": size}, args.tag)
    print(digest)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    image = commands.add_parser("image")
    image.add_argument("--layout", required=True)
    image.add_argument("--tag", required=True)
    image.add_argument("--platform", default="linux/amd64")
    image.add_argument("--layer", action="append", default=[])
    image.add_argument("--history", action="append", default=[])
    image.add_argument("--env", action="append", default=[])
    image.add_argument("--label", action="append", default=[])
    image.add_argument("--entrypoint")
    image.add_argument("--cmd")
    image.add_argument("--user")
    image.add_argument("--workdir")
    image.add_argument("--diff-id-override", action="append", default=[])
    index = commands.add_parser("index")
    index.add_argument("--layout", required=True)
    index.add_argument("--tag", required=True)
    index.add_argument("--member", action="append", required=True)
    args = parser.parse_args()
    build_image(args) if args.command == "image" else build_index(args)


if __name__ == "__main__":
    main()
