# One INTERFACE target carries the language level, warnings and Qt hygiene defines;
# every target of the project links it.
add_library(fetchmedia_build_options INTERFACE)
add_library(FetchMedia::BuildOptions ALIAS fetchmedia_build_options)

target_compile_features(fetchmedia_build_options INTERFACE cxx_std_20)
target_include_directories(fetchmedia_build_options INTERFACE
    "${PROJECT_SOURCE_DIR}"
    "${PROJECT_BINARY_DIR}/generated")

target_compile_definitions(fetchmedia_build_options INTERFACE
    QT_NO_CAST_TO_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_FOREACH)

if(MSVC)
    target_compile_options(fetchmedia_build_options INTERFACE /W4 /permissive- /utf-8)
    if(FETCHMEDIA_WERROR)
        target_compile_options(fetchmedia_build_options INTERFACE /WX)
    endif()
else()
    target_compile_options(fetchmedia_build_options INTERFACE
        -Wall -Wextra -Wpedantic -Werror=switch -Werror=return-type)
    if(FETCHMEDIA_WERROR)
        target_compile_options(fetchmedia_build_options INTERFACE -Werror)
    endif()
endif()

if(FETCHMEDIA_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "FETCHMEDIA_FUZZ needs clang (use the fuzz preset)")
    endif()
    # Instrument everything for coverage and memory errors; only the fuzz targets link libFuzzer.
    target_compile_options(fetchmedia_build_options INTERFACE
        -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
    target_link_options(fetchmedia_build_options INTERFACE -fsanitize=address,undefined)
endif()
