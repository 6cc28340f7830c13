# Linux install layout (FHS): programs in bin, desktop entry, AppStream metainfo, hicolor icons,
# man pages, and the copyright and changelog every Debian package carries. The Qt libraries are
# the distribution's (package dependencies), so nothing is deployed beside the programs.
set(linux_dir "${CMAKE_CURRENT_LIST_DIR}")
set(generated_dir "${CMAKE_CURRENT_BINARY_DIR}/generated")

install(TARGETS ${fetchmedia_programs} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

install(FILES "${linux_dir}/${FETCHMEDIA_APP_ID}.desktop"
    DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)

# Software centres load screenshots over the network: the files in resources/screenshots/ are
# published under this address (the first one listed is the default picture).
set(FETCHMEDIA_SCREENSHOT_BASE_URL "https://fetchmedia.io/desktop/screenshots"
    CACHE STRING "Web address where resources/screenshots/ is published (AppStream metainfo)")
set(screenshots
    "main-window.png|Finished and running jobs in the main window"
    )
set(FETCHMEDIA_METAINFO_SCREENSHOTS "")
set(screenshot_type " type=\"default\"")
foreach(entry IN LISTS screenshots)
    string(REPLACE "|" ";" entry "${entry}")
    list(GET entry 0 file)
    list(GET entry 1 caption)
    if(NOT EXISTS "${PROJECT_SOURCE_DIR}/resources/screenshots/${file}")
        message(FATAL_ERROR "metainfo: resources/screenshots/${file} is missing")
    endif()
    string(APPEND FETCHMEDIA_METAINFO_SCREENSHOTS
        "    <screenshot${screenshot_type}>\n"
        "      <caption>${caption}</caption>\n"
        "      <image>${FETCHMEDIA_SCREENSHOT_BASE_URL}/${file}</image>\n"
        "    </screenshot>\n")
    set(screenshot_type "")
endforeach()
configure_file("${linux_dir}/${FETCHMEDIA_APP_ID}.metainfo.xml.in"
    "${generated_dir}/${FETCHMEDIA_APP_ID}.metainfo.xml" @ONLY)
install(FILES "${generated_dir}/${FETCHMEDIA_APP_ID}.metainfo.xml"
    DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)

install(FILES "${PROJECT_SOURCE_DIR}/resources/icons/${FETCHMEDIA_APP_ID}.svg"
    DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
foreach(size 16 32 48 64 128 256 512)
    install(FILES "${PROJECT_SOURCE_DIR}/resources/icons/${FETCHMEDIA_APP_ID}-${size}.png"
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps
        RENAME ${FETCHMEDIA_APP_ID}.png)
endforeach()

# Man pages and the changelog are compressed with gzip -9n (no name, no time stamp), as Debian
# policy asks and so that two builds give identical packages.
find_program(FETCHMEDIA_GZIP gzip REQUIRED)
set(gzipped_files)
function(fetchmedia_gzip input)
    add_custom_command(OUTPUT "${input}.gz"
        COMMAND "${FETCHMEDIA_GZIP}" -9nkf "${input}"
        DEPENDS "${input}"
        COMMENT "Compressing ${input}"
        VERBATIM)
    set(gzipped_files ${gzipped_files} "${input}.gz" PARENT_SCOPE)
endfunction()

foreach(program IN LISTS fetchmedia_programs)
    configure_file("${PROJECT_SOURCE_DIR}/packaging/man/${program}.1.in"
        "${generated_dir}/${program}.1" @ONLY)
    fetchmedia_gzip("${generated_dir}/${program}.1")
    install(FILES "${generated_dir}/${program}.1.gz" DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endforeach()

# A native Debian package keeps its changelog as changelog.gz; its newest entry is this version.
configure_file("${linux_dir}/changelog.in" "${generated_dir}/changelog" @ONLY)
fetchmedia_gzip("${generated_dir}/changelog")
install(FILES "${generated_dir}/changelog.gz" "${linux_dir}/copyright"
    DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/fetchmedia)

add_custom_target(fetchmedia_compressed_docs ALL DEPENDS ${gzipped_files})
