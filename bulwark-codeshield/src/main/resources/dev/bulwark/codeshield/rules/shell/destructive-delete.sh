#!/bin/bash
# ruleid: shell.destructive-delete
rm -rf /
# ruleid: shell.destructive-delete
rm -rf ~
# ruleid: shell.destructive-delete
rm -rf $BUILD_DIR/*
# ok: shell.destructive-delete
rm -rf ./build
# ok: shell.destructive-delete
rm -rf "${BUILD_DIR:?}/out"
