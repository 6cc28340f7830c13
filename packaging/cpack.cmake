# CPack settings for every package, included from the top-level CMakeLists.txt after
# add_subdirectory(packaging). Per-generator differences are in cpack-project.cmake.in, which
# cpack reads when it runs (it knows which generator it is building for).
#   Linux:   cpack -G DEB / cpack -G RPM      Windows: cpack -G NSIS / cpack -G WIX
#   macOS:   cpack -G DragNDrop
set(CPACK_PACKAGE_NAME "fetchmedia")
set(CPACK_PACKAGE_VENDOR "FetchMedia")
set(CPACK_PACKAGE_CONTACT "${FETCHMEDIA_PACKAGER}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "Paste links to public videos (TikTok, Instagram Reels, YouTube, X and more):\n"
    "each link becomes a job that the FetchMedia API fetches and the app downloads\n"
    "into a folder. The API key lives in the system keychain. Includes\n"
    "fetchmedia-cli, the same core on the command line, and fetchmedia-sandbox,\n"
    "a local emulator of the API.")
string(JOIN "" CPACK_PACKAGE_DESCRIPTION ${CPACK_PACKAGE_DESCRIPTION})
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "FetchMedia")
# The licence page of the Windows installers; WiX wants a .txt (or .rtf) name.
configure_file("${PROJECT_SOURCE_DIR}/packaging/linux/copyright" "${PROJECT_BINARY_DIR}/LICENSE.txt"
    COPYONLY)
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_BINARY_DIR}/LICENSE.txt")
# Start-menu entry (Windows) for the GUI program.
set(CPACK_PACKAGE_EXECUTABLES "fetchmedia;FetchMedia")
set(CPACK_STRIP_FILES ON)
set(CPACK_VERBATIM_VARIABLES ON)

# Debian: dependencies from dpkg-shlibdeps; the SQLite driver is a Qt plug-in that no ELF file
# links, so it is named here. A Secret Service provider keeps the key; without one the app still
# runs (and says so), hence Recommends.
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring | kwalletmanager")

# RPM: rpmbuild's automatic requires (sonames). Plug-in and keychain-provider names differ
# between RPM distributions, so they are not named (Suggests is also dropped by Debian's rpmbuild).
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_LICENSE "LicenseRef-proprietary")
set(CPACK_RPM_PACKAGE_GROUP "Applications/Internet")
set(CPACK_RPM_PACKAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_RPM_PACKAGE_AUTOREQ "yes")
set(CPACK_RPM_PACKAGE_AUTOPROV "no")
# No /usr/lib/.build-id links: the .deb has none, and they clash between packages.
set(CPACK_RPM_SPEC_MORE_DEFINE "%define _build_id_links none")
# Directories owned by the distribution's filesystem package, not by this one.
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
    /usr/share/applications /usr/share/metainfo /usr/share/man /usr/share/man/man1
    /usr/share/icons /usr/share/icons/hicolor /usr/share/icons/hicolor/scalable
    /usr/share/icons/hicolor/scalable/apps)
foreach(size 16 32 48 64 128 256 512)
    list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
        /usr/share/icons/hicolor/${size}x${size} /usr/share/icons/hicolor/${size}x${size}/apps)
endforeach()
# No maintainer scripts: dpkg triggers and RPM file triggers refresh the menus and icon caches.

# Windows: NSIS (.exe) and WiX (.msi). The version resource and icon are in windows/.
set(CPACK_NSIS_PACKAGE_NAME "FetchMedia Desktop")
set(CPACK_NSIS_DISPLAY_NAME "FetchMedia Desktop")
set(CPACK_NSIS_MUI_ICON "${PROJECT_SOURCE_DIR}/packaging/windows/fetchmedia.ico")
set(CPACK_NSIS_MUI_UNIICON "${PROJECT_SOURCE_DIR}/packaging/windows/fetchmedia.ico")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\fetchmedia.exe")
set(CPACK_NSIS_URL_INFO_ABOUT "${PROJECT_HOMEPAGE_URL}")
set(CPACK_NSIS_CONTACT "${FETCHMEDIA_PACKAGER}")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
# MODIFY_PATH shows the options page: add bin (fetchmedia-cli) to PATH, and the "desktop icon"
# check box that CPACK_CREATE_DESKTOP_LINKS obeys.
set(CPACK_NSIS_MODIFY_PATH ON)
set(CPACK_CREATE_DESKTOP_LINKS "fetchmedia")
set(CPACK_NSIS_MUI_FINISHPAGE_RUN "fetchmedia.exe")
# fetchmedia:// links open the app: HKCR\fetchmedia (per machine or per user, as installed).
set(CPACK_NSIS_EXTRA_INSTALL_COMMANDS [[
  WriteRegStr SHCTX "Software\Classes\fetchmedia" "" "URL:FetchMedia link"
  WriteRegStr SHCTX "Software\Classes\fetchmedia" "URL Protocol" ""
  WriteRegStr SHCTX "Software\Classes\fetchmedia\DefaultIcon" "" "$INSTDIR\bin\fetchmedia.exe,0"
  WriteRegStr SHCTX "Software\Classes\fetchmedia\shell\open\command" "" '"$INSTDIR\bin\fetchmedia.exe" "%1"'
]])
set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS [[
  DeleteRegKey SHCTX "Software\Classes\fetchmedia"
]])
# The MSI: a fixed upgrade code so that a newer MSI replaces an older one.
set(CPACK_WIX_UPGRADE_GUID "6B0C5E8A-3F1D-4C2B-9E57-0A9D4F6E2C31")
set(CPACK_WIX_PRODUCT_ICON "${PROJECT_SOURCE_DIR}/packaging/windows/fetchmedia.ico")
set(CPACK_WIX_PROGRAM_MENU_FOLDER "FetchMedia")
set(CPACK_WIX_PATCH_FILE "${PROJECT_SOURCE_DIR}/packaging/windows/wix-patch.xml")
set(CPACK_WIX_PROPERTY_ARPURLINFOABOUT "${PROJECT_HOMEPAGE_URL}")

# macOS: a drag-and-drop disk image holding FetchMedia.app.
set(CPACK_DMG_VOLUME_NAME "FetchMedia ${PROJECT_VERSION}")
set(CPACK_DMG_FORMAT "UDZO")

# Signing and notarisation of the finished installers (sign-package.cmake): each step runs only
# when its environment variables are set; see packaging/README.md.
set(CPACK_POST_BUILD_SCRIPTS "${PROJECT_SOURCE_DIR}/packaging/sign-package.cmake")

configure_file("${PROJECT_SOURCE_DIR}/packaging/cpack-project.cmake.in"
    "${PROJECT_BINARY_DIR}/CPackProjectConfig.cmake" @ONLY)
set(CPACK_PROJECT_CONFIG_FILE "${PROJECT_BINARY_DIR}/CPackProjectConfig.cmake")

if(WIN32)
    set(CPACK_GENERATOR "NSIS;WIX")
elseif(APPLE)
    set(CPACK_GENERATOR "DragNDrop")
else()
    set(CPACK_GENERATOR "DEB;RPM")
endif()

include(CPack)
