# macOS: FetchMedia.app with its Info.plist (bundle id, fetchmedia:// URL type) and icon; the
# two command-line programs inside Contents/MacOS beside the GUI, finding the bundle's Qt
# frameworks through their rpath; Qt deployed by macdeployqt (qt_generate_deploy_app_script);
# the bundle signed when FETCHMEDIA_MACOS_SIGN_IDENTITY is set (see packaging/README.md).
set(macos_dir "${CMAKE_CURRENT_LIST_DIR}")
set(bundle_name "FetchMedia")
set(icns "${macos_dir}/fetchmedia.icns")

configure_file("${macos_dir}/Info.plist.in" "${CMAKE_CURRENT_BINARY_DIR}/Info.plist" @ONLY)
target_sources(fetchmedia PRIVATE "${icns}")
set_source_files_properties("${icns}" TARGET_DIRECTORY fetchmedia
    PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
set_target_properties(fetchmedia PROPERTIES
    OUTPUT_NAME "${bundle_name}"
    MACOSX_BUNDLE ON
    MACOSX_BUNDLE_INFO_PLIST "${CMAKE_CURRENT_BINARY_DIR}/Info.plist")
set_target_properties(fetchmedia-cli fetchmedia-sandbox PROPERTIES
    INSTALL_RPATH "@executable_path/../Frameworks")

install(TARGETS fetchmedia BUNDLE DESTINATION .)
install(TARGETS fetchmedia-cli fetchmedia-sandbox
    RUNTIME DESTINATION "${bundle_name}.app/Contents/MacOS")

qt_generate_deploy_app_script(TARGET fetchmedia FILENAME_VARIABLE deploy_script)
install(SCRIPT "${deploy_script}")

install(CODE "
    include(\"${PROJECT_SOURCE_DIR}/packaging/signing.cmake\")
    fetchmedia_sign_macos_bundle(\"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${bundle_name}.app\")
")
