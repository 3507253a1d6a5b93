# eenvoudig serve for a municipality's intranet: the web page for staff, and the JSON API.
#
#   docker build -t eenvoudig .
#   docker run --rm -p 8000:8000 --read-only --tmpfs /tmp -e EENVOUDIG_TOKEN='<een lange code>' eenvoudig
#
# The server runs as a user without rights (uid 10001), keeps no letter (nothing is written to disk) and works
# with a read-only root filesystem. Its cache folder (/var/cache/eenvoudig, EENVOUDIG_CACHE) holds only public
# data: the word tables, built here, and pictogram pictures. Mount a named volume there
# (-v eenvoudig-cache:/var/cache/eenvoudig) to keep the pictures between starts; without one it still works.
# Put a TLS proxy in front of it; see "Op het intranet" in README.md.

FROM python:3.12-slim AS build
WORKDIR /src
COPY pyproject.toml README.md LICENSE ./
COPY src ./src
# The project and every dependency as wheels (for the online voice: ".[online]" here and "eenvoudig[online]" below).
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    HOME=/tmp \
    EENVOUDIG_CACHE=/var/cache/eenvoudig
# No system library is needed: pictures are drawn with resvg-py (a wheel), sound with espeakng-loader.
RUN useradd --system --uid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin eenvoudig
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir --no-index --find-links /wheels eenvoudig \
 && rm -rf /wheels \
 && python -c "from eenvoudig.analysis.wordinfo import tables; tables()" \
 && chown -R eenvoudig:eenvoudig /var/cache/eenvoudig
USER eenvoudig
WORKDIR /tmp
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/gezond', timeout=4)"]
CMD ["eenvoudig", "serve", "--host", "0.0.0.0", "--port", "8000", "--no-browser"]
